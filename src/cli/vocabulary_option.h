// Enumerated CLI options: --help lists the valid values (from service/vocabularies.h, the core's
// own lists) and a value in any case is accepted and normalised to the listed spelling.
#pragma once
#include <CLI/CLI.hpp>

#include "service/vocabularies.h"

namespace ktpel::cli {

inline CLI::Option* one_of(CLI::Option* option, const vocab::Names& values) {
  return option->transform(CLI::IsMember(values, CLI::ignore_case));  // transform: the listed spelling is stored
}

}  // namespace ktpel::cli
