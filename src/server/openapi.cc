// The OpenAPI 3 document of the API, written once, as data. Every route of
// server.cc's table is here with its method (x-role: the least role it
// needs); tests/unit/server_openapi_test.cc checks that both agree and that
// every $ref resolves. Parameters and responses that several routes share
// are written once under components and referred to.
#include "server/server.h"

namespace gongkai::server {

std::string_view OpenApiJson() {
  static constexpr std::string_view kDocument = R"json({
 "openapi": "3.0.3",
 "info": {
  "title": "gongkai API",
  "version": "1",
  "description": "政府信息公开工作年度报告的提取与核查 / extract and audit annual reports. Errors: {\"error\":{\"code\",\"zh\",\"en\"}}. State-changing requests carry X-CSRF-Token. x-role: the least role a route needs."
 },
 "servers": [{"url": "/"}],
 "components": {
  "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "gongkai_session"}},
  "responses": {
   "Json": {"content": {"application/json": {}}, "description": "OK"},
   "Error": {
    "description": "refused",
    "content": {
     "application/json": {
      "schema": {
       "type": "object",
       "properties": {
        "error": {
         "type": "object",
         "properties": {"code": {"type": "string"}, "zh": {"type": "string"}, "en": {"type": "string"}}
        }
       }
      }
     }
    }
   }
  },
  "parameters": {
   "region": {"in": "query", "name": "region", "required": false, "schema": {"type": "string"}},
   "year": {"in": "query", "name": "year", "required": false, "schema": {"type": "integer"}},
   "year_required": {"in": "query", "name": "year", "required": true, "schema": {"type": "integer"}},
   "agency_fuzzy": {"description": "fuzzy", "in": "query", "name": "agency", "required": false, "schema": {"type": "string"}},
   "severity": {
    "in": "query",
    "name": "severity",
    "required": false,
    "schema": {"enum": ["error", "warning", "info"], "type": "string"}
   },
   "offset": {"in": "query", "name": "offset", "required": false, "schema": {"type": "integer"}},
   "limit": {"in": "query", "name": "limit", "required": false, "schema": {"type": "integer"}},
   "report_id": {"in": "path", "name": "id", "required": true, "schema": {"type": "integer"}},
   "string_id": {"in": "path", "name": "id", "required": true, "schema": {"type": "string"}},
   "user_name": {"in": "path", "name": "name", "required": true, "schema": {"type": "string"}}
  }
 },
 "security": [{"session": []}],
 "paths": {
  "/api/v1/health": {"get": {"summary": "liveness", "x-role": "none", "responses": {"200": {"$ref": "#/components/responses/Json"}}}},
  "/api/v1/openapi.json": {
   "get": {"summary": "this document", "x-role": "none", "responses": {"200": {"$ref": "#/components/responses/Json"}}}
  },
  "/api/v1/session": {
   "post": {
    "summary": "log in; sets the gongkai_session cookie (HttpOnly, SameSite=Strict)",
    "x-role": "none",
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"},
     "429": {"$ref": "#/components/responses/Error"}
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": ["username", "password"],
        "properties": {"username": {"type": "string"}, "password": {"type": "string"}}
       }
      }
     }
    }
   },
   "get": {
    "summary": "the current session (user, role, csrf_token)",
    "x-role": "viewer",
    "responses": {"200": {"$ref": "#/components/responses/Json"}, "401": {"$ref": "#/components/responses/Error"}}
   },
   "delete": {
    "summary": "log out",
    "x-role": "viewer",
    "responses": {
     "204": {"description": "logged out"},
     "403": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/users": {
   "get": {
    "summary": "users",
    "x-role": "admin",
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "403": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   },
   "post": {
    "summary": "add a user",
    "x-role": "admin",
    "responses": {
     "201": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "403": {"$ref": "#/components/responses/Error"},
     "409": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": ["name", "role", "password"],
        "properties": {
         "name": {"type": "string"},
         "role": {"type": "string"},
         "password": {"type": "string"},
         "agency": {"type": "string", "description": "填报: a unit account, drafting only this agency's report"}
        }
       }
      }
     }
    }
   }
  },
  "/api/v1/users/{name}": {
   "put": {
    "summary": "change a user's role or password",
    "x-role": "admin",
    "parameters": [{"$ref": "#/components/parameters/user_name"}],
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "403": {"$ref": "#/components/responses/Error"},
     "404": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": [],
        "properties": {
         "role": {"type": "string"},
         "password": {"type": "string"},
         "agency": {"type": "string", "description": "the unit's agency; empty: an office account"}
        }
       }
      }
     }
    }
   },
   "delete": {
    "summary": "remove a user (not yourself)",
    "x-role": "admin",
    "parameters": [{"$ref": "#/components/parameters/user_name"}],
    "responses": {
     "204": {"description": "removed"},
     "400": {"$ref": "#/components/responses/Error"},
     "403": {"$ref": "#/components/responses/Error"},
     "404": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/fill/register": {
   "post": {
    "summary": "填报: Table 三 counted from a register (multipart: file, year, optional layout v2021|v2019 and report = the typed gongkai.report/1 to compare); {register, report (findings with register_row, facts), counts}",
    "x-role": "viewer",
    "requestBody": {
     "required": true,
     "content": {
      "multipart/form-data": {
       "schema": {
        "type": "object",
        "required": ["file", "year"],
        "properties": {
         "file": {"type": "string", "format": "binary"},
         "year": {"type": "integer"},
         "layout": {"enum": ["v2021", "v2019"], "type": "string"},
         "report": {"type": "string", "description": "gongkai.report/1 JSON"}
        }
       }
      }
     }
    },
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"},
     "403": {"$ref": "#/components/responses/Error"},
     "422": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/fill/check": {
   "post": {
    "summary": "填报: the draft of a gongkai.report/1 document read back and audited; {passes, counts, findings, report}",
    "x-role": "viewer",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"},
     "403": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/fill/draft": {
   "post": {
    "summary": "填报: the draft (DOCX or HTML) of a gongkai.report/1 document; records the unit's draft state (X-Gongkai-Draft-Errors). A unit account drafts only its own agency; office viewers do not draft (403)",
    "x-role": "viewer",
    "parameters": [{"in": "query", "name": "format", "required": false, "schema": {"enum": ["docx", "html"], "type": "string"}}],
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
    "responses": {
     "200": {"description": "the draft, with Content-Disposition"},
     "400": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"},
     "403": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/fill/drafts": {
   "get": {
    "summary": "填报: the draft state of each unit in a year (a unit sees its own); {year, agency, items, units}",
    "x-role": "viewer",
    "parameters": [{"$ref": "#/components/parameters/year_required"}],
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/imports": {
   "post": {
    "summary": "upload files (multipart field files; zips expand) to import in the background",
    "x-role": "reviewer",
    "responses": {
     "202": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "403": {"$ref": "#/components/responses/Error"},
     "413": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    },
    "requestBody": {
     "required": true,
     "content": {
      "multipart/form-data": {
       "schema": {"type": "object", "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}
      }
     }
    }
   },
   "get": {
    "summary": "import jobs, newest first",
    "x-role": "viewer",
    "responses": {"200": {"$ref": "#/components/responses/Json"}, "401": {"$ref": "#/components/responses/Error"}}
   }
  },
  "/api/v1/imports/{id}": {
   "get": {
    "summary": "one import job: state, progress, failures with zh/en reasons",
    "x-role": "viewer",
    "parameters": [{"$ref": "#/components/parameters/report_id"}],
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "404": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/reports": {
   "get": {
    "summary": "reports (current revisions)",
    "x-role": "viewer",
    "parameters": [
     {"$ref": "#/components/parameters/year"},
     {"$ref": "#/components/parameters/region"},
     {"$ref": "#/components/parameters/agency_fuzzy"},
     {"$ref": "#/components/parameters/severity"},
     {
      "name": "review",
      "in": "query",
      "required": false,
      "schema": {"type": "string", "enum": ["open", "confirmed", "dismissed", "fixed"]}
     },
     {"name": "late", "in": "query", "required": false, "schema": {"type": "string", "enum": ["true", "false"]}},
     {"$ref": "#/components/parameters/offset"},
     {"$ref": "#/components/parameters/limit"},
     {
      "name": "sort",
      "in": "query",
      "required": false,
      "schema": {"type": "string", "enum": ["agency", "year", "errors", "warnings", "published_on"]}
     },
     {"name": "order", "in": "query", "required": false, "schema": {"type": "string", "enum": ["asc", "desc"]}}
    ],
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/reports/{id}": {
   "get": {
    "summary": "a gongkai.report/1 document; findings with id and review; corpus",
    "x-role": "viewer",
    "parameters": [{"$ref": "#/components/parameters/report_id"}],
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "404": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/reports/{id}/source": {
   "get": {
    "summary": "the file as imported",
    "x-role": "viewer",
    "parameters": [{"$ref": "#/components/parameters/report_id"}],
    "responses": {
     "200": {"description": "OK", "content": {"application/octet-stream": {}}},
     "404": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/reports/{id}/notice": {
   "get": {
    "summary": "整改通知: the confirmed findings, a printable page (html) or a Word document (docx)",
    "x-role": "viewer",
    "parameters": [
     {"$ref": "#/components/parameters/report_id"},
     {"name": "format", "in": "query", "required": false, "schema": {"type": "string", "enum": ["html", "docx"]}}
    ],
    "responses": {
     "200": {"description": "OK", "content": {"text/html": {}}},
     "400": {"$ref": "#/components/responses/Error"},
     "404": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/findings/{id}/review": {
   "put": {
    "summary": "review a finding",
    "x-role": "reviewer",
    "parameters": [{"$ref": "#/components/parameters/string_id"}],
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "403": {"$ref": "#/components/responses/Error"},
     "404": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    },
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "required": ["status"],
        "properties": {"status": {"type": "string"}, "comment": {"type": "string"}}
       }
      }
     }
    }
   }
  },
  "/api/v1/findings/{id}/reviews": {
   "get": {
    "summary": "the finding's review history, oldest first, across revisions",
    "x-role": "viewer",
    "parameters": [{"$ref": "#/components/parameters/string_id"}],
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "404": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/coverage": {
   "get": {
    "summary": "units with no report, late, with errors; date_unknown: published without a known date (lateness 无法判断, never counted as on time)",
    "x-role": "viewer",
    "parameters": [{"$ref": "#/components/parameters/year_required"}, {"$ref": "#/components/parameters/region"}],
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/stats": {
   "get": {
    "summary": "公开率 and 纠错率 per unit and for the region",
    "x-role": "viewer",
    "parameters": [
     {"$ref": "#/components/parameters/year"},
     {"$ref": "#/components/parameters/region"},
     {"$ref": "#/components/parameters/agency_fuzzy"},
     {"$ref": "#/components/parameters/severity"}
    ],
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/trend": {
   "get": {
    "summary": "findings by year",
    "x-role": "viewer",
    "parameters": [
     {"$ref": "#/components/parameters/region"},
     {"name": "agency", "in": "query", "required": false, "schema": {"type": "string"}}
    ],
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/rollup": {
   "get": {
    "summary": "the region's tables as the sum of its units'",
    "x-role": "viewer",
    "parameters": [{"$ref": "#/components/parameters/year_required"}, {"$ref": "#/components/parameters/region"}],
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/compare": {
   "get": {
    "summary": "an agency across years, or two reports",
    "x-role": "viewer",
    "parameters": [
     {"name": "agency", "in": "query", "required": false, "schema": {"type": "string"}},
     {"name": "a", "in": "query", "required": false, "schema": {"type": "integer"}},
     {"name": "b", "in": "query", "required": false, "schema": {"type": "integer"}}
    ],
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "404": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/export": {
   "get": {
    "summary": "the corpus as a file",
    "x-role": "viewer",
    "parameters": [
     {
      "name": "format",
      "in": "query",
      "required": false,
      "schema": {"type": "string", "enum": ["csv", "xlsx", "jsonl"]}
     },
     {"$ref": "#/components/parameters/year"},
     {"$ref": "#/components/parameters/region"},
     {"$ref": "#/components/parameters/agency_fuzzy"},
     {"$ref": "#/components/parameters/severity"},
     {
      "in": "query",
      "name": "layout",
      "required": false,
      "description": "csv: long 每个单元格一行, wide 每份报告一行",
      "schema": {"enum": ["long", "wide"], "type": "string"}
     }
    ],
    "responses": {
     "200": {"description": "OK", "content": {"application/octet-stream": {}}},
     "400": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/format": {
   "get": {
    "summary": "the official form: sections, tables, labels, severities, review statuses",
    "x-role": "viewer",
    "responses": {"200": {"$ref": "#/components/responses/Json"}, "401": {"$ref": "#/components/responses/Error"}}
   }
  },
  "/api/v1/rules": {
   "get": {
    "summary": "the audit rule catalogue",
    "x-role": "viewer",
    "responses": {"200": {"$ref": "#/components/responses/Json"}, "401": {"$ref": "#/components/responses/Error"}}
   }
  },
  "/api/v1/regions": {
   "get": {
    "summary": "the region hierarchy: {items: [{name, parent, level, aliases, reports (as loaded: true, false or null), must_report (whether coverage expects a report of it)}]}",
    "x-role": "viewer",
    "responses": {"200": {"$ref": "#/components/responses/Json"}, "401": {"$ref": "#/components/responses/Error"}}
   },
   "put": {
    "summary": "replace the hierarchy with a file (multipart: file = CSV in UTF-8 or GB18030, or XLSX): rows 名称,上级,层级,别名,应报 by position or by a header row, or the 应报单位名单 (a column 单位名称 alone: every unit must report); {loaded, items}",
    "x-role": "admin",
    "requestBody": {
     "required": true,
     "content": {
      "multipart/form-data": {
       "schema": {"type": "object", "required": ["file"], "properties": {"file": {"type": "string", "format": "binary"}}}
      }
     }
    },
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "400": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"},
     "403": {"$ref": "#/components/responses/Error"}
    }
   }
  },
  "/api/v1/years": {
   "get": {
    "summary": "years present in the corpus, newest first",
    "x-role": "viewer",
    "responses": {"200": {"$ref": "#/components/responses/Json"}, "401": {"$ref": "#/components/responses/Error"}}
   }
  },
  "/api/v1/audit-log": {
   "get": {
    "summary": "who imported, reviewed, exported or changed users",
    "x-role": "admin",
    "parameters": [{"$ref": "#/components/parameters/offset"}, {"$ref": "#/components/parameters/limit"}],
    "responses": {
     "200": {"$ref": "#/components/responses/Json"},
     "403": {"$ref": "#/components/responses/Error"},
     "401": {"$ref": "#/components/responses/Error"}
    }
   }
  }
 }
})json";
  return kDocument;
}

}  // namespace gongkai::server
