// Sub-commands of the gongkai CLI. Each lives in its own file and registers
// itself on the app; main() runs the one that was parsed.
#ifndef GONGKAI_CLI_COMMANDS_H_
#define GONGKAI_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <functional>
#include <vector>

#include "pipeline/worker.h"

namespace gongkai::cli {

struct Command {
  CLI::App* app;             // the sub-command
  std::function<int()> run;  // its exit status
};

// --time-limit and --memory-limit on `sub`: the per-file budgets of the
// reading worker (pipeline/worker.h), written into `limits`.
void AddLimitOptions(CLI::App* sub, pipeline::Limits& limits);

void AddExtractCommand(CLI::App& app, std::vector<Command>& commands);
void AddCheckCommand(CLI::App& app, std::vector<Command>& commands);
void AddImportCommand(CLI::App& app, std::vector<Command>& commands);
void AddRegionsCommand(CLI::App& app, std::vector<Command>& commands);
void AddLsCommand(CLI::App& app, std::vector<Command>& commands);
void AddSearchCommand(CLI::App& app, std::vector<Command>& commands);
void AddCoverageCommand(CLI::App& app, std::vector<Command>& commands);
void AddStatsCommand(CLI::App& app, std::vector<Command>& commands);
void AddRollupCommand(CLI::App& app, std::vector<Command>& commands);
void AddCompareCommand(CLI::App& app, std::vector<Command>& commands);
void AddExportCommand(CLI::App& app, std::vector<Command>& commands);
void AddRulesCommand(CLI::App& app, std::vector<Command>& commands);
void AddNoticeCommand(CLI::App& app, std::vector<Command>& commands);
void AddShowCommand(CLI::App& app, std::vector<Command>& commands);
void AddServeCommand(CLI::App& app, std::vector<Command>& commands);
void AddUserCommand(CLI::App& app, std::vector<Command>& commands);
void AddRegisterCommand(CLI::App& app, std::vector<Command>& commands);
void AddDraftCommand(CLI::App& app, std::vector<Command>& commands);

}  // namespace gongkai::cli

#endif  // GONGKAI_CLI_COMMANDS_H_
