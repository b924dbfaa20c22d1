// The CLI's console user (issue [8]): `--as USER` or $KTPEL_USER names the officer a command acts
// as. Once a database holds any account, every command that opens it must name an enabled one
// whose role holds the command's permission; its writes and person reads are audited under that
// name ("cli resident get ..."). A database without accounts is in set-up: it answers anyone who
// can open the file (who could read it anyway), until the first centre account is made.
#pragma once
#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "core/identity/caller.h"
#include "store/store.h"

namespace ktpel::cli {

// Called by main before parsing: adds --as to the app.
void add_console_user_option(CLI::App& app, int argc, char** argv);
// Opens the store and checks the console user against the running command's permission
// (throws CommandError). Use instead of open_store in every command.
std::unique_ptr<Store> open_console_store(const std::string& location);
// The console user, when one was checked (nullopt in set-up mode).
const std::optional<Caller>& console_caller();
// The name to record as actor: the console user, else `fallback`.
std::string console_actor(const std::string& fallback);
// The --as / $KTPEL_USER value as given ("" when none).
const std::string& console_user_name();

}  // namespace ktpel::cli
