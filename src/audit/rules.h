// The audit's rules as data: a stable id, a severity and what the rule says.
// Findings take their severity from here, so a rule's weight is decided once.
#ifndef GONGKAI_AUDIT_RULES_H_
#define GONGKAI_AUDIT_RULES_H_

#include <span>
#include <string_view>

namespace gongkai::audit {

struct Rule {
  std::string_view id;        // "table3.identity"
  std::string_view severity;  // "error", "warning", "info"
  std::string_view what;      // the rule, in Chinese
  // Where the rule comes from: the article of the 条例 (《中华人民共和国政府信息公开条例》)
  // or the part of the official format (国办公开办函〔2021〕30号) it enforces.
  std::string_view basis;
};

std::span<const Rule> Rules();
// The rule with this id; throws std::out_of_range for an unknown id (a typo
// in the code, caught by the tests).
const Rule& RuleById(std::string_view id);

}  // namespace gongkai::audit

#endif  // GONGKAI_AUDIT_RULES_H_
