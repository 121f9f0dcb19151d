#pragma once
// Between reading and checking a scenario (scenario_read.cpp -> scenario_check.cpp): the merged document,
// with `extends`, `--set` and overrides applied, is checked key by key into a Model.
#include <toml++/toml.h>

#include "model.hpp"

namespace teamsim {

/// Checks every key of a merged scenario document into a Model; throws InputError at the first problem.
Model check_scenario(const toml::table& doc);

}  // namespace teamsim
