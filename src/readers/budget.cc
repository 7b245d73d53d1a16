#include "readers/budget.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace gongkai::readers::budget {

ReadError OverBudget(const std::string& what_zh, const std::string& what_en, const std::string& got,
                     const std::string& limit) {
  return ReadError("超出读取上限：" + what_zh + "为 " + got + "，上限 " + limit + "，文件未读取",
                   "over the reading budget: " + what_en + " is " + got + ", limit " + limit + "; file not read");
}

std::string Bytes(std::size_t n) {
  if (n >= (1u << 20)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(n) / (1u << 20));
    return buf;
  }
  if (n >= (1u << 10)) return std::to_string(n >> 10) + " KB";
  return std::to_string(n) + " B";
}

std::string Pixels(double width, double height) {
  return std::to_string(static_cast<long long>(std::llround(width))) + "×" +
         std::to_string(static_cast<long long>(std::llround(height))) + " 像素/px";
}

}  // namespace gongkai::readers::budget
