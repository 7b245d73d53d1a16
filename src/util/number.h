// Numbers as printed in reports: table cells ("1,234", "326.780865", "5件",
// "/", "—") and figures in the running text ("1.2万", "二十三", "3亿元").
#ifndef GONGKAI_UTIL_NUMBER_H_
#define GONGKAI_UTIL_NUMBER_H_

#include <optional>
#include <string>
#include <string_view>

namespace gongkai::number {

struct Parsed {
  double value = 0;
  bool integer = true;   // no fractional part was printed
  std::string unit;      // trailing unit as printed: "件", "元", "万元", "%", or empty
};

// Parses a whole cell or token: optional sign (+ - 增 减), Arabic digits with
// thousands separators (, ， ' or thin spaces), an optional decimal part, an
// optional multiplier 万/亿 and an optional unit (件 个 项 条 人次 元 万元 亿元 %).
// Full-width digits are accepted. Returns nullopt if anything else is present.
std::optional<Parsed> Parse(std::string_view token);
// Parse of a token already turned into its text::MatchKey (which Parse takes
// first): for callers that have the key anyway.
std::optional<Parsed> ParseKey(std::string_view key);

// Chinese numerals: "二十三" → 23, "一百零五" → 105, "两千" → 2000, "十" → 10,
// "1.2万" → 12000 (mixed forms are accepted too). nullopt if not a numeral.
std::optional<double> ParseChinese(std::string_view s);

// "/", "—", "-", "——", "无", "不适用", "×": printed in cells of agencies
// without the power concerned. Not applicable is not zero.
bool IsNotApplicable(std::string_view token);
// IsNotApplicable of a token already turned into its text::MatchKey.
bool IsNotApplicableKey(std::string_view key);

// Formats a number the way a person would write it in a message: integers
// without a decimal point, others with up to 6 significant decimals.
std::string Format(double v);

}  // namespace gongkai::number

#endif  // GONGKAI_UTIL_NUMBER_H_
