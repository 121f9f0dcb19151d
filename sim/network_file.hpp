#pragma once
// Reading the [network] table of a scenario (docs/MODEL.md 7.11, README "Contact networks"): the kind, its
// parameters, and ties inline or from a CSV file next to the scenario. Every error names file:line:column.
#include <toml++/toml.h>

#include "network.hpp"

namespace teamsim {

/// Reads and checks [network] for a team of `size` seats.
NetworkSpec read_network(const toml::node& node, int size);

/// The [network] table that reads back to `spec` (ties inline), for `teamsim show`.
toml::table network_to_toml(const NetworkSpec& spec);

}  // namespace teamsim
