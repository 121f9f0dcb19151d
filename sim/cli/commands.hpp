#pragma once
// The subcommands of the teamsim CLI and what they share.
#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace teamsim::cli {

inline constexpr int kOk = 0, kFailed = 1, kBadInput = 2;

/// Parses a subcommand's options; positional arguments go to `positional_name`.
boost::program_options::variables_map parse(const std::vector<std::string>& args,
                                            const boost::program_options::options_description& options,
                                            const char* positional_name, int positional_count);
std::string utc_now();
std::string host_name();

int command_sweep(const std::vector<std::string>& args, const std::vector<std::string>& dirs);
int command_merge(const std::vector<std::string>& args);

}  // namespace teamsim::cli
