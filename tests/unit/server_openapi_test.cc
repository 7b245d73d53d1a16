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

// Every {"$ref": "#/components/..."} names a component that is there, and
// every component is referred to.
void CollectRefs(const nlohmann::json& j, std::set<std::string>& out) {
  if (j.is_object()) {
    if (const auto it = j.find("$ref"); it != j.end()) out.insert(it->get<std::string>());
    for (const auto& [k, v] : j.items()) CollectRefs(v, out);
  } else if (j.is_array()) {
    for (const auto& v : j) CollectRefs(v, out);
  }
}

TEST(ServerOpenApi, EveryReferenceResolvesAndEveryComponentIsUsed) {
  const auto doc = nlohmann::json::parse(OpenApiJson());
  std::set<std::string> refs, defined;
  CollectRefs(doc, refs);
  ASSERT_FALSE(refs.empty());
  for (const std::string kind : {"parameters", "responses"}) {
    for (const auto& [name, v] : doc["components"][kind].items()) defined.insert("#/components/" + kind + "/" + name);
  }
  EXPECT_EQ(refs, defined);
  // No route spells out a parameter that a component already says.
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      for (const auto& p : op.value("parameters", nlohmann::json::array())) {
        for (const auto& [name, c] : doc["components"]["parameters"].items()) {
          EXPECT_NE(p, c) << method << " " << path << " repeats components/parameters/" << name;
        }
      }
    }
  }
}

}  // namespace
}  // namespace gongkai::server
