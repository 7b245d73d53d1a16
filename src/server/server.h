// gongkai serve: the HTTP API (spec/API.md, /work/coord/API-EXT.md) and the
// web UI's static files over one store, on cpp-httplib.
//
// Every route is a row of one table (Routes()): method, path template as in
// the OpenAPI document, the role it needs and its handler; the OpenAPI
// document (OpenApiJson()) is data written once in openapi.cc, and a test
// checks that both list the same routes.
#ifndef GONGKAI_SERVER_SERVER_H_
#define GONGKAI_SERVER_SERVER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/pipeline.h"
#include "store/accounts.h"

namespace gongkai::server {

struct ServeOptions {
  std::string db = "gongkai.db";
  std::string host = "127.0.0.1";
  int port = 8080;                  // 0: any free port (printed)
  std::string web_dir;              // the built web UI; "" for none
  std::string tls_cert, tls_key;    // both or neither
  std::size_t upload_limit_mb = 100;
  unsigned import_threads = 0;      // 0: all cores
  std::size_t import_chunk = 32;    // inputs per import step
  // Where uploads are read: `gongkai serve` passes
  // pipeline::Options::Isolated(limits) (worker processes under the per-file
  // memory and time budgets, as `gongkai import`); default: in process.
  pipeline::Options reading;
  int login_failures = 5;           // failed logins per client per window before 429
  int login_window_s = 300;
  int session_purge_s = 300;        // expired sessions are deleted at most this long after they expire
};

// Serves until SIGINT or SIGTERM; returns the exit status. Prints the
// address it serves on stdout ("gongkai serve: http://HOST:PORT").
int Serve(const ServeOptions& options);

struct RouteInfo {
  std::string_view method;  // GET, POST, PUT, DELETE
  std::string_view path;    // OpenAPI template: /api/v1/reports/{id}
  // The least role it needs; nullopt: no session needed.
  std::optional<store::Role> role;
};
// Every API route the server has.
std::vector<RouteInfo> Routes();

// The OpenAPI 3 document served at /api/v1/openapi.json.
std::string_view OpenApiJson();

}  // namespace gongkai::server

#endif  // GONGKAI_SERVER_SERVER_H_
