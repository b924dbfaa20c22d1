// ktpel user ...: officers' accounts (issue [8]). Passwords come from $KTPEL_NEW_PASSWORD or a
// prompt on the terminal, never from the command line (where ps and shell history would keep
// them). `user bootstrap` makes the first administrator once (make run).
#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/command_result.h"
#include "cli/context.h"
#include "cli/vocabulary_option.h"
#include "crypto/envelope.h"
#include "crypto/totp.h"
#include "io/files.h"
#include "service/auth_service.h"
#include "store/audit_scope.h"

namespace ktpel::cli {
namespace {

std::string read_password(const char* prompt) {
  if (const char* env = std::getenv("KTPEL_NEW_PASSWORD"); env && *env) return env;
  if (!isatty(STDIN_FILENO)) throw CommandError(kUsage, "set KTPEL_NEW_PASSWORD (no terminal to ask for the password)");
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  auto ask = [&](const char* p) {
    std::fprintf(stderr, "%s", p);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::string line;
    std::getline(std::cin, line);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fprintf(stderr, "\n");
    return line;
  };
  const std::string first = ask(prompt), second = ask("again: ");
  if (first != second) throw CommandError(kUsage, "the two passwords differ");
  return first;
}

// The acting user: the console user, or nobody in a database without accounts.
Caller acting() {
  if (!console_caller()) throw CommandError(kUsage, "name the acting officer with --as USER or KTPEL_USER");
  return *console_caller();
}

template <class T>
T checked(Result<T> r) {
  if (!r) fail_with(r.errors(), r.error().code == "FORBIDDEN" || r.error().code == "OUT_OF_SCOPE" ? kUsage : kProblems);
  return std::move(r).value();
}

void print_user(const UserAccount& u) {
  std::printf("%-20s %-10s %-14s %s%s%s\n", u.username.c_str(), u.role.c_str(), u.wilayah.empty() ? "pusat" : u.wilayah.c_str(),
              u.disabled ? "disabled" : "active", u.totp_secret.empty() ? "" : " totp",
              u.locked_until.empty() ? "" : (" locked until " + u.locked_until).c_str());
}

}  // namespace

void add_user_command(CLI::App& app, Context&, int&) {
  static std::string db, username, role, wilayah, password_file;
  auto* user = app.add_subcommand("user", "officers' accounts: add, list, disable, role, password, totp");
  user->require_subcommand(1);
  user->add_option("--db", db, "SQLite file or postgresql:// URL")->default_val(default_db());

  auto* add = user->add_subcommand("add", "a new account (password from KTPEL_NEW_PASSWORD or a prompt)");
  add->add_option("--username", username)->required();
  one_of(add->add_option("--role", role, "the account's role")->required(), vocab::roles());
  add->add_option("--wilayah", wilayah, "the scope: a kecamatan, regency or province code, or pusat")->required();
  add->callback([&] {
    auto store = open_store(db);
    std::optional<Caller> by;
    if (store->count_users() > 0) {
      store = open_console_store(db);  // checks --as
      by = console_caller();
      if (!by) throw CommandError(kUsage, "name the acting officer with --as USER or KTPEL_USER");
    }
    const std::string password = read_password("password: ");
    AuditScope audit({utc_now_iso(), by ? by->username : "setup", by ? std::string(to_string(by->role)) : "",
                      "cli user add", username, "role " + role + " wilayah " + wilayah});
    StoreTransaction tx(*store);
    auto u = checked(AuthService(*store).add_user(by, {username, role, wilayah, password}, utc_now_iso()));
    tx.commit();
    print_user(u);
  });

  auto* bootstrap = user->add_subcommand("bootstrap", "the first administrator (centre, pusat), once; make run calls it");
  static std::string admin_name = "admin";
  bootstrap->add_option("--username", admin_name)->default_val("admin");
  bootstrap->add_option("--password-file", password_file, "where to write a generated one-time password")->required();
  bootstrap->callback([&] {
    auto store = open_store(db);
    if (store->count_users() > 0) {
      std::printf("accounts exist already; nothing to do\n");
      return;
    }
    std::string password;
    if (const char* env = std::getenv("KTPEL_ADMIN_PASSWORD"); env && *env) password = env;
    else password = random_token(9);  // 18 hex characters
    AuditScope audit({utc_now_iso(), "setup", "", "cli user bootstrap", admin_name, "first administrator"});
    StoreTransaction tx(*store);
    checked(AuthService(*store).add_user(std::nullopt, {admin_name, "centre", "pusat", password}, utc_now_iso()));
    tx.commit();
    if (std::getenv("KTPEL_ADMIN_PASSWORD")) {
      std::printf("administrator '%s' created with the password in KTPEL_ADMIN_PASSWORD\n", admin_name.c_str());
      return;
    }
    const int fd = ::open(password_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) throw CommandError(kStorage, "cannot write " + password_file);
    const std::string line = password + "\n";
    const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    ::close(fd);
    if (!ok) throw CommandError(kStorage, "cannot write " + password_file);
    std::printf("administrator '%s' created; its one-time password is in %s (mode 600): log in, then change it with\n"
                "  ktpel user password --as %s --username %s\n",
                admin_name.c_str(), password_file.c_str(), admin_name.c_str(), admin_name.c_str());
  });

  auto* list = user->add_subcommand("list", "accounts");
  list->callback([&] {
    auto store = open_console_store(db);
    const auto& by = console_caller();
    if (by && !by->may(Permission::UserManage) && !by->may(Permission::OperatorEnrol))
      throw CommandError(kUsage, "role " + std::string(to_string(by->role)) + " may not list accounts");
    for (const auto& u : store->users())
      if (!by || by->may(Permission::UserManage) || by->covers(u.wilayah)) print_user(u);
  });

  auto* disable = user->add_subcommand("disable", "disable an account (its sessions end)");
  disable->add_option("--username", username)->required();
  auto* enable = user->add_subcommand("enable", "enable an account again (and unlock it)");
  enable->add_option("--username", username)->required();
  for (auto* cmd : {disable, enable}) {
    cmd->callback([cmd, disable] {
      auto store = open_console_store(db);
      AuditScope audit({utc_now_iso(), acting().username, std::string(to_string(acting().role)), "cli user " + cmd->get_name(), username, ""});
      print_user(checked(AuthService(*store).set_disabled(acting(), username, cmd == disable, utc_now_iso())));
    });
  }

  auto* role_cmd = user->add_subcommand("role", "change an account's role and wilayah (its sessions end)");
  role_cmd->add_option("--username", username)->required();
  one_of(role_cmd->add_option("--role", role, "the new role")->required(), vocab::roles());
  role_cmd->add_option("--wilayah", wilayah, "new scope (default: unchanged)");
  role_cmd->callback([&] {
    auto store = open_console_store(db);
    AuditScope audit({utc_now_iso(), acting().username, std::string(to_string(acting().role)), "cli user role", username,
                      "role " + role + " wilayah " + wilayah});
    print_user(checked(AuthService(*store).set_role(acting(), username, role, wilayah, utc_now_iso())));
  });

  auto* password = user->add_subcommand("password", "set a new password (KTPEL_NEW_PASSWORD or a prompt); every session ends");
  password->add_option("--username", username)->required();
  password->callback([&] {
    auto store = open_console_store(db);
    const std::string pw = read_password("new password: ");
    AuditScope audit({utc_now_iso(), acting().username, std::string(to_string(acting().role)), "cli user password", username, ""});
    print_user(checked(AuthService(*store).reset_password(acting(), username, pw, utc_now_iso())));
  });

  auto* totp = user->add_subcommand("totp", "turn on the second factor; prints the secret for an authenticator app");
  totp->add_option("--username", username)->required();
  totp->callback([&] {
    auto store = open_console_store(db);
    AuditScope audit({utc_now_iso(), acting().username, std::string(to_string(acting().role)), "cli user totp", username, ""});
    const std::string secret = checked(AuthService(*store).enable_totp(acting(), username, utc_now_iso()));
    std::printf("secret %s\n%s\n", base32_encode(secret).c_str(), totp_uri("ktpel", username, secret).c_str());
  });
}

}  // namespace ktpel::cli
