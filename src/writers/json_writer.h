// Report → JSON document of spec/OUTPUT.md (schema gongkai.report/1).
#ifndef GONGKAI_WRITERS_JSON_WRITER_H_
#define GONGKAI_WRITERS_JSON_WRITER_H_

#include <nlohmann/json.hpp>
#include <string>

#include "report/report.h"

namespace gongkai::writers {

using Json = nlohmann::ordered_json;

Json ToJson(const Report& report);
Json FindingToJson(const Finding& f);

// Pretty-printed with two spaces, UTF-8 kept as is.
std::string WriteJson(const Report& report);

}  // namespace gongkai::writers

#endif  // GONGKAI_WRITERS_JSON_WRITER_H_
