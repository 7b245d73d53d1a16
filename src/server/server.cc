#include "server/server.h"

#include <httplib.h>
#include <signal.h>
#include <sodium.h>

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include "readers/reader.h"
#include "service/api.h"
#include "service/corpus.h"
#include "service/fill.h"
#include "service/imports.h"

namespace gongkai::server {

namespace {

using service::Json;
using service::UserError;
using store::Role;

constexpr std::string_view kCookie = "gongkai_session";

// ------------------------------------------------------------ connections
// One Backend (SQLite connection with the server's tables) per request in
// flight, reused: SQLite connections are not shared between threads.
class BackendPool {
 public:
  explicit BackendPool(std::string path) : path_(std::move(path)) {}
  class Lease {
   public:
    Lease(BackendPool& pool, std::unique_ptr<service::Backend> b) : pool_(pool), b_(std::move(b)) {}
    ~Lease() { pool_.Return(std::move(b_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    service::Backend& operator*() { return *b_; }

   private:
    BackendPool& pool_;
    std::unique_ptr<service::Backend> b_;
  };
  Lease Acquire() {
    {
      std::lock_guard lock(mu_);
      if (!free_.empty()) {
        auto b = std::move(free_.back());
        free_.pop_back();
        return Lease(*this, std::move(b));
      }
    }
    return Lease(*this, std::make_unique<service::Backend>(path_));
  }

 private:
  void Return(std::unique_ptr<service::Backend> b) {
    std::lock_guard lock(mu_);
    free_.push_back(std::move(b));
  }
  const std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<service::Backend>> free_;
};

// ------------------------------------------------------------ login limit
// Failed logins per client address in a sliding window; over the limit the
// login answers 429 without checking the password (no hashing work either).
class LoginLimiter {
 public:
  LoginLimiter(int failures, int window_s) : max_(failures), window_(window_s) {}
  bool Blocked(const std::string& addr) {
    std::lock_guard lock(mu_);
    auto& q = Prune(addr);
    return static_cast<int>(q.size()) >= max_;
  }
  void Fail(const std::string& addr) {
    std::lock_guard lock(mu_);
    Prune(addr).push_back(Clock::now());
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::deque<Clock::time_point>& Prune(const std::string& addr) {
    auto& q = failures_[addr];
    const auto cutoff = Clock::now() - std::chrono::seconds(window_);
    while (!q.empty() && q.front() < cutoff) q.pop_front();
    return q;
  }
  const int max_, window_;
  std::mutex mu_;
  std::map<std::string, std::deque<Clock::time_point>> failures_;
};

// ------------------------------------------------------------ requests
struct Ctx {
  const httplib::Request& req;
  httplib::Response& res;
  service::Backend& b;
  std::optional<store::Session> session;
  std::string token;  // the session cookie
};

UserError BadRequest(const std::string& code, const std::string& zh, const std::string& en) {
  return UserError(400, code, zh, en);
}

void SendJson(httplib::Response& res, const Json& j, int status = 200) {
  res.status = status;
  res.set_content(j.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int status, std::string_view code, std::string_view zh, std::string_view en) {
  SendJson(res, {{"error", {{"code", code}, {"zh", zh}, {"en", en}}}}, status);
}

Json Body(const httplib::Request& req) {
  Json j;
  try {
    j = Json::parse(req.body);
  } catch (const Json::parse_error&) {
    throw BadRequest("bad_json", "请求体不是有效的 JSON", "the request body is not valid JSON");
  }
  if (!j.is_object()) throw BadRequest("bad_json", "请求体须为 JSON 对象", "the request body must be a JSON object");
  return j;
}

std::string Str(const Json& body, const char* key, bool required) {
  const auto it = body.find(key);
  if (it == body.end() || it->is_null()) {
    if (required) {
      throw BadRequest("missing_field", std::string("缺少字段 ") + key, std::string("missing field ") + key);
    }
    return "";
  }
  if (!it->is_string()) {
    throw BadRequest("bad_field", std::string("字段 ") + key + " 须为字符串", std::string("field ") + key + " must be a string");
  }
  return it->get<std::string>();
}

std::string Param(const httplib::Request& req, const char* key) {
  return req.has_param(key) ? req.get_param_value(key) : "";
}

std::optional<std::int64_t> IntParam(const httplib::Request& req, const char* key, std::int64_t lo, std::int64_t hi) {
  if (!req.has_param(key)) return std::nullopt;
  const std::string v = req.get_param_value(key);
  try {
    std::size_t used = 0;
    const long long n = std::stoll(v, &used);
    if (used == v.size() && n >= lo && n <= hi) return n;
  } catch (const std::logic_error&) {
  }
  throw BadRequest("bad_parameter", std::string("参数 ") + key + " 无效：" + v, std::string("invalid parameter ") + key + ": " + v);
}

std::int64_t PathId(const Ctx& c, std::size_t i = 1) {
  const std::string v = c.req.matches[static_cast<int>(i)];
  try {
    std::size_t used = 0;
    const long long n = std::stoll(v, &used);
    if (used == v.size() && n > 0) return n;
  } catch (const std::logic_error&) {
  }
  throw UserError(404, "not_found", "未找到 " + v, v + " not found");
}

void OneOf(const std::string& v, std::initializer_list<std::string_view> allowed, const char* key) {
  if (v.empty()) return;
  for (auto a : allowed) {
    if (v == a) return;
  }
  throw BadRequest("bad_parameter", std::string("参数 ") + key + " 无效：" + v, std::string("invalid parameter ") + key + ": " + v);
}

corpus::Filter FilterOf(const httplib::Request& req) {
  corpus::Filter f;
  if (auto y = IntParam(req, "year", 1900, 3000)) f.year = static_cast<int>(*y);
  f.region = Param(req, "region");
  f.agency = Param(req, "agency");
  f.severity = Param(req, "severity");
  OneOf(f.severity, {"error", "warning", "info"}, "severity");
  return f;
}

std::string SessionToken(const httplib::Request& req) {
  const std::string cookies = req.get_header_value("Cookie");
  std::size_t at = 0;
  while (at < cookies.size()) {
    std::size_t end = cookies.find(';', at);
    if (end == std::string::npos) end = cookies.size();
    std::string_view part(cookies.data() + at, end - at);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.starts_with(kCookie) && part.size() > kCookie.size() && part[kCookie.size()] == '=') {
      return std::string(part.substr(kCookie.size() + 1));
    }
    at = end + 1;
  }
  return "";
}

// RFC 5987 for non-ASCII names, with an ASCII fallback.
std::string Disposition(const std::string& name, bool attachment) {
  std::string ascii, pct;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char ch : name) {
    ascii += (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') ? static_cast<char>(ch) : '_';
    if (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_') {
      pct += static_cast<char>(ch);
    } else {
      pct += '%';
      pct += kHex[ch >> 4];
      pct += kHex[ch & 15];
    }
  }
  return std::string(attachment ? "attachment" : "inline") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + pct;
}

// ------------------------------------------------------------ the routes
struct Route {
  RouteInfo info;
  std::function<void(Ctx&)> handle;
};

struct State {
  explicit State(const ServeOptions& o)
      : options(o),
        pool(o.db),
        limiter(o.login_failures, o.login_window_s),
        runner(o.db, o.db + ".uploads", o.import_threads, o.import_chunk, o.reading),
        list_cache(o.db),
        report_cache(o.db),
        tls(!o.tls_cert.empty()) {}
  ServeOptions options;
  BackendPool pool;
  LoginLimiter limiter;
  service::ImportRunner runner;
  service::ListCache list_cache;
  service::ReportCache report_cache;
  bool tls = false;
  // Seconds on the steady clock when expired sessions are next purged; the
  // request that finds it due claims it (compare-exchange) and purges.
  std::atomic<std::int64_t> next_session_purge{0};
};

void PurgeSessionsIfDue(State& st, store::Accounts& accounts) {
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  std::int64_t due = st.next_session_purge.load();
  if (now < due || !st.next_session_purge.compare_exchange_strong(due, now + st.options.session_purge_s)) return;
  accounts.PurgeExpiredSessions();
}

std::string Me(const Ctx& c) { return c.session ? c.session->user : ""; }

// "agency": the agency of a unit account (store/drafts.h), null for the office.
Json SessionJson(const store::Session& s, service::Backend& b) {
  const auto unit = b.drafts.UnitAgency(s.user);
  return {{"user", s.user}, {"role", store::RoleName(s.role)}, {"csrf_token", s.csrf},
          {"agency", unit ? Json(*unit) : Json(nullptr)}};
}

std::vector<Route> MakeRoutes(State* st) {
  const auto viewer = std::optional<Role>(Role::kViewer);
  const auto reviewer = std::optional<Role>(Role::kReviewer);
  const auto admin = std::optional<Role>(Role::kAdmin);
  std::vector<Route> r;
  r.push_back({{"GET", "/api/v1/health", std::nullopt}, [](Ctx& c) { SendJson(c.res, {{"ok", true}}); }});
  r.push_back({{"GET", "/api/v1/openapi.json", std::nullopt},
               [](Ctx& c) { c.res.set_content(std::string(OpenApiJson()), "application/json; charset=utf-8"); }});
  // Login: no session, no CSRF token (there is none yet); rate-limited.
  r.push_back({{"POST", "/api/v1/session", std::nullopt}, [st](Ctx& c) {
                 const std::string addr = c.req.remote_addr;
                 if (st->limiter.Blocked(addr)) {
                   c.res.set_header("Retry-After", std::to_string(st->options.login_window_s));
                   SendError(c.res, 429, "too_many_logins", "登录失败次数过多，请稍后再试",
                             "too many failed logins, try again later");
                   return;
                 }
                 const Json body = Body(c.req);
                 const std::string user = Str(body, "username", true);
                 const std::string password = Str(body, "password", true);
                 const auto u = c.b.accounts.Verify(user, password);
                 if (!u) {
                   st->limiter.Fail(addr);
                   SendError(c.res, 401, "bad_credentials", "用户名或密码错误", "wrong user name or password");
                   return;
                 }
                 store::Session s;
                 const std::string token = c.b.accounts.CreateSession(u->name, &s);
                 std::string cookie = std::string(kCookie) + "=" + token + "; HttpOnly; SameSite=Strict; Path=/";
                 if (st->tls) cookie += "; Secure";
                 c.res.set_header("Set-Cookie", cookie);
                 c.b.accounts.Log(u->name, "login", addr);
                 SendJson(c.res, SessionJson(s, c.b));
               }});
  r.push_back({{"GET", "/api/v1/session", viewer}, [](Ctx& c) { SendJson(c.res, SessionJson(*c.session, c.b)); }});
  r.push_back({{"DELETE", "/api/v1/session", viewer}, [st](Ctx& c) {
                 c.b.accounts.EndSession(c.token);
                 std::string cookie = std::string(kCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0";
                 if (st->tls) cookie += "; Secure";
                 c.res.set_header("Set-Cookie", cookie);
                 c.res.status = 204;
               }});
  // Users.
  r.push_back({{"GET", "/api/v1/users", admin}, [](Ctx& c) { SendJson(c.res, service::UsersJson(c.b)); }});
  r.push_back({{"POST", "/api/v1/users", admin}, [](Ctx& c) {
                 const Json body = Body(c.req);
                 const std::string name = Str(body, "name", true);
                 const auto role = store::ParseRole(Str(body, "role", true));
                 if (!role) throw BadRequest("bad_role", "角色须为 admin、reviewer 或 viewer", "role must be admin, reviewer or viewer");
                 bool added = false;
                 try {
                   added = c.b.accounts.AddUser(name, *role, Str(body, "password", true));
                 } catch (const std::invalid_argument& e) {
                   throw BadRequest("bad_user", e.what(), e.what());
                 }
                 if (!added) throw UserError(409, "user_exists", "用户已存在：" + name, "the user exists: " + name);
                 c.b.accounts.Log(Me(c), "user.add", name + " " + std::string(store::RoleName(*role)));
                 Json out = {{"name", name}, {"role", store::RoleName(*role)}};
                 // A unit account (填报): the agency it drafts for.
                 if (const std::string agency = Str(body, "agency", false); !agency.empty()) {
                   c.b.drafts.SetUnit(name, agency);
                   c.b.accounts.Log(Me(c), "user.agency", name + " " + agency);
                   out["agency"] = agency;
                 }
                 SendJson(c.res, out, 201);
               }});
  r.push_back({{"PUT", "/api/v1/users/{name}", admin}, [](Ctx& c) {
                 const std::string name = c.req.matches[1];
                 const Json body = Body(c.req);
                 if (!c.b.accounts.FindUser(name)) throw UserError(404, "no_user", "没有此用户：" + name, "no such user: " + name);
                 const std::string role_name = Str(body, "role", false);
                 const std::string password = Str(body, "password", false);
                 if (!role_name.empty()) {
                   const auto role = store::ParseRole(role_name);
                   if (!role) throw BadRequest("bad_role", "角色须为 admin、reviewer 或 viewer", "role must be admin, reviewer or viewer");
                   c.b.accounts.SetRole(name, *role);
                   c.b.accounts.Log(Me(c), "user.role", name + " " + role_name);
                 }
                 if (!password.empty()) {
                   try {
                     c.b.accounts.SetPassword(name, password);
                   } catch (const std::invalid_argument& e) {
                     throw BadRequest("bad_user", e.what(), e.what());
                   }
                   c.b.accounts.Log(Me(c), "user.passwd", name);
                 }
                 if (body.contains("agency")) {  // "" or null: an office account again
                   const std::string agency = Str(body, "agency", false);
                   c.b.drafts.SetUnit(name, agency);
                   c.b.accounts.Log(Me(c), "user.agency", name + " " + agency);
                 }
                 const auto u = c.b.accounts.FindUser(name);
                 Json out = {{"name", u->name}, {"role", store::RoleName(u->role)}};
                 if (const auto agency = c.b.drafts.UnitAgency(name)) out["agency"] = *agency;
                 SendJson(c.res, out);
               }});
  r.push_back({{"DELETE", "/api/v1/users/{name}", admin}, [](Ctx& c) {
                 const std::string name = c.req.matches[1];
                 if (name == Me(c)) throw BadRequest("self_delete", "不能删除自己的账户", "you cannot delete your own account");
                 if (!c.b.accounts.RemoveUser(name)) throw UserError(404, "no_user", "没有此用户：" + name, "no such user: " + name);
                 c.b.accounts.Log(Me(c), "user.rm", name);
                 c.res.status = 204;
               }});
  // 填报 (service/fill.h holds who may draft what).
  r.push_back({{"POST", "/api/v1/fill/register", viewer}, [](Ctx& c) {
                 const auto file = c.req.files.find("file");
                 if (file == c.req.files.end()) {
                   throw BadRequest("missing_field", "缺少台账文件（字段 file）", "missing the register (field file)");
                 }
                 auto field = [&](const char* key) {
                   const auto it = c.req.files.find(key);
                   return it == c.req.files.end() ? std::string() : it->second.content;
                 };
                 const std::string year_text = field("year");
                 int year = 0;
                 try {
                   std::size_t used = 0;
                   year = std::stoi(year_text, &used);
                   if (used != year_text.size()) year = 0;
                 } catch (const std::logic_error&) {
                 }
                 if (year < 1900 || year > 3000) {
                   throw BadRequest("bad_parameter", "缺少或无效的年度（字段 year）：" + year_text, "missing or invalid year: " + year_text);
                 }
                 const std::string typed_text = field("report");
                 Json typed;
                 if (!typed_text.empty()) {
                   typed = Json::parse(typed_text, nullptr, false);
                   if (typed.is_discarded() || !typed.is_object()) {
                     throw BadRequest("bad_json", "字段 report 不是有效的 JSON 对象", "field report is not a JSON object");
                   }
                 }
                 SendJson(c.res, service::CountRegisterUpload(file->second.content, file->second.filename, year,
                                                              typed.is_null() ? nullptr : &typed, field("layout")));
               }});
  r.push_back({{"POST", "/api/v1/fill/check", viewer}, [](Ctx& c) { SendJson(c.res, service::CheckDraft(Body(c.req))); }});
  r.push_back({{"POST", "/api/v1/fill/draft", viewer}, [](Ctx& c) {
                 const std::string format = Param(c.req, "format").empty() ? "docx" : Param(c.req, "format");
                 OneOf(format, {"docx", "html"}, "format");
                 const service::DraftFile d = service::MakeDraft(c.b, Body(c.req), format, Me(c), c.session->role);
                 c.res.set_header("Content-Disposition", Disposition(d.name, true));
                 c.res.set_header("X-Gongkai-Draft-Errors", std::to_string(d.state.errors));
                 c.res.set_header("X-Gongkai-Draft-Warnings", std::to_string(d.state.warnings));
                 c.res.set_content(d.bytes, d.content_type);
               }});
  r.push_back({{"GET", "/api/v1/fill/drafts", viewer}, [](Ctx& c) {
                 const auto year = IntParam(c.req, "year", 1900, 3000);
                 if (!year) throw BadRequest("missing_parameter", "缺少参数 year", "missing parameter year");
                 SendJson(c.res, service::DraftsJson(c.b, static_cast<int>(*year), Me(c)));
               }});
  // Imports.
  r.push_back({{"POST", "/api/v1/imports", reviewer}, [st](Ctx& c) {
                 std::vector<service::Upload> uploads;
                 const auto range = c.req.files.equal_range("files");
                 for (auto it = range.first; it != range.second; ++it) {
                   uploads.push_back({it->second.filename, it->second.content});
                 }
                 const std::int64_t id = st->runner.Submit(c.b, Me(c), uploads);
                 SendJson(c.res, {{"import_id", id}}, 202);
               }});
  r.push_back({{"GET", "/api/v1/imports", viewer}, [](Ctx& c) {
                 Json items = Json::array();
                 for (const auto& j : c.b.jobs.List()) items.push_back(service::JobJson(c.b, j));
                 SendJson(c.res, {{"items", std::move(items)}});
               }});
  r.push_back({{"GET", "/api/v1/imports/{id}", viewer}, [](Ctx& c) {
                 const auto job = c.b.jobs.Get(PathId(c));
                 if (!job) throw UserError(404, "not_found", "没有此导入任务", "no such import");
                 SendJson(c.res, service::JobJson(c.b, *job));
               }});
  // Reports.
  r.push_back({{"GET", "/api/v1/reports", viewer}, [st](Ctx& c) {
                 service::ListQuery q;
                 q.filter = FilterOf(c.req);
                 q.review = Param(c.req, "review");
                 OneOf(q.review, {"open", "confirmed", "dismissed", "fixed"}, "review");
                 const std::string late = Param(c.req, "late");
                 OneOf(late, {"true", "false"}, "late");
                 if (!late.empty()) q.late = late == "true";
                 q.offset = IntParam(c.req, "offset", 0, 1LL << 40).value_or(0);
                 q.limit = IntParam(c.req, "limit", 1, 500).value_or(50);
                 q.sort = Param(c.req, "sort");
                 OneOf(q.sort, {"agency", "year", "errors", "warnings", "published_on"}, "sort");
                 const std::string order = Param(c.req, "order");
                 OneOf(order, {"asc", "desc"}, "order");
                 q.descending = order == "desc";
                 SendJson(c.res, service::ListReports(c.b, q, &st->list_cache));
               }});
  r.push_back({{"GET", "/api/v1/reports/{id}", viewer},
               [st](Ctx& c) {
                 c.res.set_content(*st->report_cache.Get(c.b, PathId(c)), "application/json; charset=utf-8");
               }});
  r.push_back({{"GET", "/api/v1/reports/{id}/source", viewer}, [st](Ctx& c) {
                 const service::Source s = service::ReportSource(c.b, PathId(c), st->runner.uploads_dir());
                 c.res.set_header("Content-Disposition", Disposition(s.name, true));
                 c.res.set_content(s.bytes, "application/octet-stream");
               }});
  r.push_back({{"GET", "/api/v1/reports/{id}/notice", viewer}, [](Ctx& c) {
                 const std::string format = Param(c.req, "format");
                 OneOf(format, {"html", "docx"}, "format");
                 const std::int64_t id = PathId(c);
                 if (format == "docx") {
                   c.res.set_header("Content-Disposition", Disposition("整改通知-" + std::to_string(id) + ".docx", true));
                   c.res.set_content(service::NoticeDocx(c.b, id),
                                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
                 } else {
                   c.res.set_content(service::NoticeHtml(c.b, id), "text/html; charset=utf-8");
                 }
                 c.b.accounts.Log(Me(c), "export", "notice " + std::to_string(id));
               }});
  // Reviews.
  r.push_back({{"PUT", "/api/v1/findings/{id}/review", reviewer}, [](Ctx& c) {
                 const Json body = Body(c.req);
                 SendJson(c.res, service::SetReview(c.b, c.req.matches[1], Str(body, "status", true),
                                                    Str(body, "comment", false), Me(c)));
               }});
  r.push_back({{"GET", "/api/v1/findings/{id}/reviews", viewer},
               [](Ctx& c) { SendJson(c.res, service::ReviewHistory(c.b, c.req.matches[1])); }});
  // Corpus questions.
  r.push_back({{"GET", "/api/v1/coverage", viewer}, [](Ctx& c) {
                 const auto year = IntParam(c.req, "year", 1900, 3000);
                 if (!year) throw BadRequest("missing_parameter", "缺少参数 year", "missing parameter year");
                 SendJson(c.res, service::CoverageJson(c.b, static_cast<int>(*year), Param(c.req, "region")));
               }});
  r.push_back({{"GET", "/api/v1/stats", viewer}, [](Ctx& c) { SendJson(c.res, service::StatsJson(c.b, FilterOf(c.req))); }});
  r.push_back({{"GET", "/api/v1/trend", viewer}, [](Ctx& c) { SendJson(c.res, service::TrendJson(c.b, FilterOf(c.req))); }});
  r.push_back({{"GET", "/api/v1/rollup", viewer}, [](Ctx& c) {
                 const auto year = IntParam(c.req, "year", 1900, 3000);
                 if (!year) throw BadRequest("missing_parameter", "缺少参数 year", "missing parameter year");
                 SendJson(c.res, service::RollupJson(c.b, Param(c.req, "region"), static_cast<int>(*year)));
               }});
  r.push_back({{"GET", "/api/v1/compare", viewer}, [](Ctx& c) {
                 const auto a = IntParam(c.req, "a", 1, 1LL << 53);
                 const auto b = IntParam(c.req, "b", 1, 1LL << 53);
                 const std::string agency = Param(c.req, "agency");
                 if (agency.empty() && !(a && b)) {
                   throw BadRequest("missing_parameter", "需要参数 agency，或 a 与 b", "need agency, or a and b");
                 }
                 SendJson(c.res, service::CompareJson(c.b, agency, a, b));
               }});
  r.push_back({{"GET", "/api/v1/export", viewer}, [](Ctx& c) {
                 const std::string format = Param(c.req, "format").empty() ? "csv" : Param(c.req, "format");
                 OneOf(format, {"csv", "xlsx", "jsonl"}, "format");
                 const std::string layout = Param(c.req, "layout").empty() ? "long" : Param(c.req, "layout");
                 OneOf(layout, {"long", "wide"}, "layout");
                 const corpus::Filter f = FilterOf(c.req);
                 std::string bytes;
                 std::size_t n = 0;
                 if (format == "xlsx") {
                   char tmpl[] = "/tmp/gongkai-export-XXXXXX";
                   const int fd = mkstemp(tmpl);
                   if (fd < 0) throw std::runtime_error("cannot create a temporary file");
                   close(fd);
                   try {
                     n = service::Export(c.b.store, f, format, nullptr, tmpl, layout);
                     bytes = readers::LoadFile(tmpl);
                   } catch (...) {
                     std::filesystem::remove(tmpl);
                     throw;
                   }
                   std::filesystem::remove(tmpl);
                 } else {
                   std::ostringstream out;
                   n = service::Export(c.b.store, f, format, &out, "", layout);
                   bytes = out.str();
                 }
                 c.b.accounts.Log(Me(c), "export", format + " " + std::to_string(n) + " report(s)");
                 static const std::map<std::string, std::string> kTypes = {
                     {"csv", "text/csv; charset=utf-8"},
                     {"jsonl", "application/x-ndjson; charset=utf-8"},
                     {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}};
                 c.res.set_header("Content-Disposition", Disposition("gongkai-export." + format, true));
                 c.res.set_content(bytes, kTypes.at(format));
               }});
  r.push_back({{"GET", "/api/v1/format", viewer}, [](Ctx& c) { SendJson(c.res, service::FormatJson()); }});
  r.push_back({{"GET", "/api/v1/rules", viewer}, [](Ctx& c) { SendJson(c.res, service::RulesJson()); }});
  r.push_back({{"GET", "/api/v1/regions", viewer}, [](Ctx& c) { SendJson(c.res, service::RegionsJson(c.b)); }});
  r.push_back({{"PUT", "/api/v1/regions", admin}, [](Ctx& c) {
                 const auto file = c.req.files.find("file");
                 if (file == c.req.files.end()) {
                   throw BadRequest("missing_field", "缺少地区层级或应报单位名单文件（字段 file）",
                                    "missing the hierarchy or list of units (field file)");
                 }
                 const std::size_t n = service::LoadRegions(c.b.store, file->second.content);
                 c.b.accounts.Log(Me(c), "regions.load", file->second.filename + " " + std::to_string(n));
                 Json body = service::RegionsJson(c.b);
                 body["loaded"] = n;
                 SendJson(c.res, body);
               }});
  r.push_back({{"GET", "/api/v1/years", viewer}, [](Ctx& c) { SendJson(c.res, service::YearsJson(c.b)); }});
  r.push_back({{"GET", "/api/v1/audit-log", admin}, [](Ctx& c) {
                 SendJson(c.res, service::AuditLogJson(c.b, IntParam(c.req, "offset", 0, 1LL << 40).value_or(0),
                                                       IntParam(c.req, "limit", 1, 500).value_or(50)));
               }});
  return r;
}

// "/api/v1/reports/{id}" → "/api/v1/reports/([^/]+)"
std::string PathRegex(std::string_view path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      i = path.find('}', i);
      out += "([^/]+)";
    } else if (path[i] == '.') {
      out += "\\.";
    } else {
      out += path[i];
    }
  }
  return out;
}

void Dispatch(State& st, const Route& route, const httplib::Request& req, httplib::Response& res) {
  try {
    auto lease = st.pool.Acquire();
    Ctx c{req, res, *lease, std::nullopt, ""};
    PurgeSessionsIfDue(st, c.b.accounts);
    if (route.info.role) {
      c.token = SessionToken(req);
      if (!c.token.empty()) c.session = c.b.accounts.FindSession(c.token);
      if (!c.session) {
        SendError(res, 401, "no_session", "请先登录", "log in first");
        return;
      }
      if (route.info.method != "GET") {
        const std::string sent = req.get_header_value("X-CSRF-Token");
        if (sent.size() != c.session->csrf.size() ||
            sodium_memcmp(sent.data(), c.session->csrf.data(), sent.size()) != 0) {
          SendError(res, 403, "csrf", "缺少或错误的 CSRF 令牌（X-CSRF-Token）", "missing or wrong CSRF token (X-CSRF-Token)");
          return;
        }
      }
      if (static_cast<int>(c.session->role) < static_cast<int>(*route.info.role)) {
        SendError(res, 403, "forbidden", "你的角色无权进行此操作", "your role does not allow this");
        return;
      }
    }
    route.handle(c);
  } catch (const UserError& e) {
    SendError(res, e.status(), e.code(), e.zh(), e.en());
  } catch (const readers::ReadError& e) {
    SendError(res, 422, "unreadable", e.zh(), e.en());
  } catch (const std::exception& e) {
    std::cerr << "gongkai serve: " << req.method << " " << req.path << ": " << e.what() << "\n";
    SendError(res, 500, "internal", "服务器内部错误", std::string("internal error: ") + e.what());
  }
}

std::string MimeType(const std::filesystem::path& p) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".jpg", "image/jpeg"}, {".ico", "image/x-icon"}, {".woff2", "font/woff2"},
      {".woff", "font/woff"}, {".txt", "text/plain; charset=utf-8"}, {".map", "application/json"},
      {".webmanifest", "application/manifest+json"}};
  const auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// The web UI: a file of the built UI, or index.html for any other path
// (history routing). Paths are resolved inside the folder only.
void ServeStatic(const State& st, const httplib::Request& req, httplib::Response& res) {
  if (st.options.web_dir.empty()) {
    SendError(res, 404, "no_web_ui", "未配置网页界面（--web DIR）", "no web UI configured (--web DIR)");
    return;
  }
  const std::filesystem::path root = std::filesystem::weakly_canonical(st.options.web_dir);
  std::filesystem::path file = root / "index.html";
  const std::string& path = req.path;
  const bool bad = path.find("..") != std::string::npos || path.find('\\') != std::string::npos ||
                   path.find('\0') != std::string::npos;
  if (!bad && path.size() > 1) {
    const std::filesystem::path candidate = std::filesystem::weakly_canonical(root / path.substr(1));
    std::error_code ec;
    const auto rel = std::filesystem::relative(candidate, root, ec);
    if (!ec && !rel.empty() && *rel.begin() != ".." && std::filesystem::is_regular_file(candidate, ec)) {
      file = candidate;
    }
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    SendError(res, 404, "no_web_ui", "网页界面尚未构建（web/dist）", "the web UI is not built (web/dist)");
    return;
  }
  const bool hashed = file.parent_path().filename() == "assets";
  res.set_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  res.set_content(readers::LoadFile(file.string()), MimeType(file));
}

}  // namespace

std::vector<RouteInfo> Routes() {
  std::vector<RouteInfo> out;
  for (const Route& r : MakeRoutes(nullptr)) out.push_back(r.info);
  return out;
}

int Serve(const ServeOptions& options) {
  // Signals are taken by one thread (sigwait): none interrupts a request.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  if (!std::filesystem::exists(options.db)) {
    std::cerr << "数据库不存在 / no database: " << options.db << "（gongkai import … --db " << options.db
              << " 或 gongkai user add … --db " << options.db << "）\n";
    return 2;
  }
  auto st = std::make_unique<State>(options);
  {
    service::Backend b(options.db);  // creates the server's tables
    if (b.accounts.UserCount() == 0) {
      std::cout << "尚无用户。创建管理员 / no user yet; create an admin:\n  gongkai user add NAME --role admin "
                   "--password-stdin --db "
                << options.db << "\n"
                << std::flush;
    }
  }
  std::unique_ptr<httplib::Server> svr;
  if (st->tls) {
    auto ssl = std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    if (!ssl->is_valid()) {
      std::cerr << "无法读取证书或私钥 / cannot load the TLS certificate or key: " << options.tls_cert << ", "
                << options.tls_key << "\n";
      return 2;
    }
    svr = std::move(ssl);
  } else {
    svr = std::make_unique<httplib::Server>();
  }
  svr->new_task_queue = [] { return new httplib::ThreadPool(64); };
  svr->set_payload_max_length(options.upload_limit_mb * 1024 * 1024);
  svr->set_keep_alive_max_count(1000);
  // A response goes out as two writes (headers, then body): with Nagle's
  // algorithm the body waits for the client's delayed ACK of the headers,
  // 40 ms on Linux, on every request of a kept-alive connection.
  svr->set_tcp_nodelay(true);
  svr->set_default_headers({{"Content-Security-Policy",
                             "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                             "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"},
                            {"X-Content-Type-Options", "nosniff"},
                            {"Referrer-Policy", "same-origin"},
                            {"X-Frame-Options", "DENY"}});
  svr->set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) {
      SendError(res, 413, "too_large", "请求体超过上传限制，未保存任何内容", "the request is over the upload limit; nothing was stored");
    } else if (res.status == 404) {
      SendError(res, 404, "no_route", "没有此接口", "no such endpoint");
    } else {
      SendError(res, res.status, "http_error", "请求无法处理", "the request could not be handled");
    }
  });
  State* state = st.get();
  for (const Route& route : MakeRoutes(state)) {
    const std::string pattern = PathRegex(route.info.path);
    auto handler = [state, route](const httplib::Request& req, httplib::Response& res) {
      Dispatch(*state, route, req, res);
      if (res.get_header_value("Cache-Control").empty()) res.set_header("Cache-Control", "no-store");
    };
    if (route.info.method == "GET") svr->Get(pattern, handler);
    if (route.info.method == "POST") svr->Post(pattern, handler);
    if (route.info.method == "PUT") svr->Put(pattern, handler);
    if (route.info.method == "DELETE") svr->Delete(pattern, handler);
  }
  svr->Get(R"(/(?!api/).*)", [state](const httplib::Request& req, httplib::Response& res) {
    try {
      ServeStatic(*state, req, res);
    } catch (const std::exception& e) {
      SendError(res, 500, "internal", "服务器内部错误", e.what());
    }
  });

  int port = options.port;
  if (port == 0) {
    port = svr->bind_to_any_port(options.host);
    if (port <= 0) port = -1;
  } else if (!svr->bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    std::cerr << "无法监听 / cannot listen on " << options.host << ":" << options.port << "\n";
    return 2;
  }
  st->runner.Start();
  std::cout << "gongkai serve: " << (st->tls ? "https" : "http") << "://" << options.host << ":" << port << "/\n"
            << std::flush;

  std::atomic<bool> done{false};
  std::jthread waiter([&] {
    const timespec tick{0, 200 * 1000 * 1000};
    while (!done.load()) {
      if (sigtimedwait(&signals, nullptr, &tick) > 0) {
        std::cout << "正在停止 / stopping\n" << std::flush;
        svr->stop();
        return;
      }
    }
  });
  const bool ok = svr->listen_after_bind();
  done = true;
  waiter.join();
  st->runner.Stop();  // after the chunk in progress; the job resumes on the next start
  std::cout << "已停止 / stopped\n" << std::flush;
  return ok ? 0 : 2;
}

}  // namespace gongkai::server
