// How a CLI command runs a call into src/service: a UserError (a missing
// database, an unknown report, a bad format...) is printed as its Chinese and
// English reasons, anything else as the command's internal error; both exit 2.
#ifndef GONGKAI_CLI_RUN_SERVICE_H_
#define GONGKAI_CLI_RUN_SERVICE_H_

#include <exception>
#include <iostream>
#include <string_view>

#include "service/corpus.h"

namespace gongkai::cli {

constexpr int kExitServiceError = 2;

// `command` names the command in the internal-error line ("" for none).
template <typename Fn>
int RunService(std::string_view command, Fn&& fn) {
  try {
    return fn();
  } catch (const service::UserError& e) {
    std::cerr << e.zh() << " / " << e.en() << "\n";
    return kExitServiceError;
  } catch (const std::exception& e) {
    std::cerr << "gongkai " << command << (command.empty() ? "" : " ") << "出错 / error: " << e.what() << "\n";
    return kExitServiceError;
  }
}

}  // namespace gongkai::cli

#endif  // GONGKAI_CLI_RUN_SERVICE_H_
