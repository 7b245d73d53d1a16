// 填报: what a unit does before it publishes, for the server (and any front
// end): Table 三 counted from its application register with every answer
// checked against its deadline, the typed tables compared with that count,
// the annual report drafted in the official layout and checked by reading
// the draft back through gongkai's own pipeline and audit, and the office's
// list of which units have drafted and whether their drafts pass.
//
// Who may draft what (enforced here, not in the front ends): a unit account
// (store/drafts.h: a user bound to an agency) drafts only its own agency's
// report; an office account (no agency) of role reviewer or admin drafts for
// any agency; an office viewer drafts nothing. A unit lists only its own
// drafts; the office lists all.
//
// Thread-safety: as Backend, one thread at a time per Backend; the functions
// without a Backend are pure.
#ifndef GONGKAI_SERVICE_FILL_H_
#define GONGKAI_SERVICE_FILL_H_

#include <optional>
#include <string>

#include "service/api.h"
#include "service/corpus.h"
#include "store/accounts.h"
#include "store/drafts.h"

namespace gongkai::service {

// The register `bytes` (CSV or XLSX; `name` is the file's name, for
// messages) counted for `year`:
//   {"register": {"file", "format", "rows", "header_row" (1-based),
//                 "blank_rows"},
//    "report": gongkai.report/1 (table3 = the count; findings with
//              register_row and facts),
//    "counts": {"error", "warning", "info", "overdue", "invalid", "differ"}}
// With `typed` (a gongkai.report/1 document whose table3 the unit typed),
// the count is made in its （六） layout and every cell where the typed
// Table 三 differs is a register.against finding. `layout`: "", "v2021" or
// "v2019". Throws UserError: 400 for a year outside the working-day
// calendar or a bad layout or typed document, 422 for a register that
// cannot be read (the reason in Chinese and English, naming the file).
Json CountRegisterUpload(const std::string& bytes, const std::string& name, int year, const Json* typed = nullptr,
                         const std::string& layout = "");

// The draft of a gongkai.report/1 document read back and audited, as the
// office would see it once published:
//   {"passes": bool (no error), "counts": {"error", "warning", "info"},
//    "findings": [...], "report": the document read back}
// Throws UserError 400 when `doc` is not a gongkai.report/1 document.
Json CheckDraft(const Json& doc);

struct DraftFile {
  std::string bytes;
  std::string name;          // 单位2024年政府信息公开工作年度报告（草稿）.docx
  std::string content_type;
  store::DraftState state;   // as recorded
};
// Writes the draft of `doc` as `format` ("docx" | "html"), reads it back,
// audits it and records the state for the agency and year (see the rights
// above; a unit's document without an agency gets the unit's). Throws
// UserError 400 (no agency or year, bad format or document), 403 (a unit
// drafting another agency, an office viewer drafting).
DraftFile MakeDraft(Backend& b, const Json& doc, const std::string& format, const std::string& user, store::Role role);

// {"year", "agency" (the caller's unit agency, or null for the office),
//  "items": [{"agency", "year", "by", "at", "format", "errors", "warnings",
//             "passes", "revisions"}],
//  "units": [{"agency", "users": [...], "drafted", "passes", "errors", "at"}]}
// `units`: every unit account's agency and every agency that drafted in
// `year`, whether it has drafted and whether its draft passes. A unit sees
// its own agency only.
Json DraftsJson(Backend& b, int year, const std::string& user);

}  // namespace gongkai::service

#endif  // GONGKAI_SERVICE_FILL_H_
