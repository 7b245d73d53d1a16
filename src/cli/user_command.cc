// gongkai user add|passwd|ls|rm: the server's accounts (store/accounts.h).
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "store/accounts.h"
#include "store/drafts.h"
#include "store/store.h"

namespace gongkai::cli {

namespace {

// One line from stdin (--password-stdin), or typed twice without echo.
std::optional<std::string> ReadPassword(bool from_stdin) {
  std::string line;
  if (from_stdin || !isatty(STDIN_FILENO)) {
    if (!std::getline(std::cin, line)) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string again;
  std::cerr << "密码 / password: " << std::flush;
  std::getline(std::cin, line);
  std::cerr << "\n再输入一次 / again: " << std::flush;
  std::getline(std::cin, again);
  std::cerr << "\n";
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  if (line != again) {
    std::cerr << "两次输入的密码不同 / the passwords differ\n";
    return std::nullopt;
  }
  return line;
}

}  // namespace

void AddUserCommand(CLI::App& app, std::vector<Command>& commands) {
  struct Options {
    std::string db = "gongkai.db", name, role = "viewer", agency;
    bool password_stdin = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("user", "服务器用户 / the server's users (add | passwd | ls | rm)");
  sub->require_subcommand(1);
  sub->add_option("--db", o->db, "SQLite database")->capture_default_str();
  CLI::App* add = sub->add_subcommand("add", "add a user");
  add->add_option("name", o->name)->required();
  add->add_option("--role", o->role, "admin | reviewer | viewer")
      ->check(CLI::IsMember({"admin", "reviewer", "viewer"}))
      ->capture_default_str();
  add->add_flag("--password-stdin", o->password_stdin, "read the password from stdin (one line)");
  add->add_option("--agency", o->agency, "填报：单位账户，只能起草此单位的年度报告 / a unit account, drafting only this agency's report");
  CLI::App* passwd = sub->add_subcommand("passwd", "set a user's password");
  passwd->add_option("name", o->name)->required();
  passwd->add_flag("--password-stdin", o->password_stdin, "read the password from stdin (one line)");
  CLI::App* ls = sub->add_subcommand("ls", "list the users");
  CLI::App* rm = sub->add_subcommand("rm", "remove a user");
  rm->add_option("name", o->name)->required();
  for (CLI::App* s : {add, passwd, ls, rm}) s->add_option("--db", o->db, "SQLite database");
  commands.push_back({sub, [o, add, passwd, ls, rm]() -> int {
    try {
      store::Store db(o->db);
      store::Accounts accounts(db.db());
      store::Drafts drafts(db.db());
      const std::string by = "cli:" + std::string(getlogin() ? getlogin() : "?");
      if (ls->parsed()) {
        std::cout << "name\trole\tcreated_at\tagency\n";
        for (const auto& u : accounts.Users()) {
          std::cout << u.name << "\t" << store::RoleName(u.role) << "\t" << u.created_at << "\t"
                    << drafts.UnitAgency(u.name).value_or("") << "\n";
        }
        return 0;
      }
      if (rm->parsed()) {
        if (!accounts.RemoveUser(o->name)) {
          std::cerr << "没有此用户 / no such user: " << o->name << "\n";
          return 1;
        }
        accounts.Log(by, "user.rm", o->name);
        std::cerr << "已删除 / removed: " << o->name << "\n";
        return 0;
      }
      const auto password = ReadPassword(o->password_stdin);
      if (!password) {
        std::cerr << "未读到密码 / no password read\n";
        return 2;
      }
      if (add->parsed()) {
        if (!accounts.AddUser(o->name, *store::ParseRole(o->role), *password)) {
          std::cerr << "用户已存在 / the user exists: " << o->name << "\n";
          return 1;
        }
        accounts.Log(by, "user.add", o->name + " " + o->role);
        if (!o->agency.empty()) {
          drafts.SetUnit(o->name, o->agency);
          accounts.Log(by, "user.agency", o->name + " " + o->agency);
        }
        std::cerr << "已添加 / added: " << o->name << " (" << o->role << (o->agency.empty() ? "" : "，单位账户：" + o->agency) << ")\n";
        return 0;
      }
      if (passwd->parsed()) {
        if (!accounts.SetPassword(o->name, *password)) {
          std::cerr << "没有此用户 / no such user: " << o->name << "\n";
          return 1;
        }
        accounts.Log(by, "user.passwd", o->name);
        std::cerr << "密码已更改 / password changed: " << o->name << "\n";
        return 0;
      }
      return 2;
    } catch (const std::invalid_argument& e) {
      std::cerr << e.what() << "\n";
      return 2;
    } catch (const std::exception& e) {
      std::cerr << "gongkai user: " << e.what() << "\n";
      return 2;
    }
  }});
}

}  // namespace gongkai::cli
