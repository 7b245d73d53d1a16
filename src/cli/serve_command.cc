// gongkai serve: the HTTP API and web UI (src/server).
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "server/server.h"

namespace gongkai::cli {

namespace {

// The built web UI: the source tree's web/dist (GONGKAI_WEB_DIR) when it
// exists, else <exe dir>/../share/gongkai/web when installed.
std::string DefaultWebDir() {
#ifdef GONGKAI_WEB_DIR
  if (std::filesystem::is_directory(GONGKAI_WEB_DIR)) return GONGKAI_WEB_DIR;
#endif
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "gongkai" / "web";
    if (std::filesystem::is_directory(installed, ec)) return installed.string();
  }
  return "";
}

}  // namespace

void AddServeCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    server::ServeOptions serve;
    std::string listen = "127.0.0.1:8080";
    std::string web;
    pipeline::Limits limits;  // per uploaded file
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("serve", "网页界面与 HTTP API / serve the web UI and the HTTP API");
  sub->add_option("--db", o->serve.db, "SQLite database")->capture_default_str();
  sub->add_option("--listen", o->listen, "HOST:PORT (port 0: any free port)")->capture_default_str();
  sub->add_option("--web", o->web, "the built web UI (web/dist)");
  sub->add_option("--tls-cert", o->serve.tls_cert, "TLS certificate (PEM)");
  sub->add_option("--tls-key", o->serve.tls_key, "TLS private key (PEM)");
  sub->add_option("--upload-limit-mb", o->serve.upload_limit_mb, "request body limit")->capture_default_str();
  sub->add_option("--import-threads", o->serve.import_threads, "import worker threads (default: all cores)");
  sub->add_option("--import-chunk", o->serve.import_chunk, "inputs imported between two progress records")
      ->capture_default_str();
  AddLimitOptions(sub, o->limits);
  commands.push_back({sub, [o]() -> int {
    const auto colon = o->listen.rfind(':');
    try {
      if (colon == std::string::npos) throw std::invalid_argument(o->listen);
      o->serve.host = o->listen.substr(0, colon);
      o->serve.port = std::stoi(o->listen.substr(colon + 1));
      if (o->serve.port < 0 || o->serve.port > 65535) throw std::invalid_argument(o->listen);
    } catch (const std::logic_error&) {
      std::cerr << "--listen 须为 HOST:PORT / --listen must be HOST:PORT: " << o->listen << "\n";
      return 2;
    }
    if (o->serve.tls_cert.empty() != o->serve.tls_key.empty()) {
      std::cerr << "--tls-cert 与 --tls-key 须同时给出 / give both --tls-cert and --tls-key\n";
      return 2;
    }
    o->serve.web_dir = o->web.empty() ? DefaultWebDir() : o->web;
    o->serve.reading = pipeline::Options::Isolated(o->limits);
    try {
      return server::Serve(o->serve);
    } catch (const std::exception& e) {
      std::cerr << "gongkai serve: " << e.what() << "\n";
      return 2;
    }
  }});
}

}  // namespace gongkai::cli
