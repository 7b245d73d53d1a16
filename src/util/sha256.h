#ifndef GONGKAI_UTIL_SHA256_H_
#define GONGKAI_UTIL_SHA256_H_

#include <string>
#include <string_view>

namespace gongkai {

// Lower-case hex SHA-256 of `bytes` (OpenSSL).
std::string Sha256Hex(std::string_view bytes);

}  // namespace gongkai

#endif  // GONGKAI_UTIL_SHA256_H_
