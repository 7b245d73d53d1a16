// The OpenAPI document lists exactly the routes the server has, with the
// role each needs (x-role).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "server/server.h"

namespace gongkai::server {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(ServerOpenApi, DocumentListsExactlyTheServersRoutes) {
  const auto doc = nlohmann::json::parse(OpenApiJson());
  ASSERT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> documented, routed;
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      documented.insert(Lower(method) + " " + path + " " + op["x-role"].get<std::string>());
    }
  }
  for (const RouteInfo& r : Routes()) {
    routed.insert(Lower(r.method) + " " + std::string(r.path) + " " +
                  (r.role ? std::string(store::RoleName(*r.role)) : std::string("none")));
  }
  EXPECT_EQ(documented, routed);
  EXPECT_GE(routed.size(), 29u);  // the 29 routes of today
}

}  // namespace
}  // namespace gongkai::server
