#pragma once
// The subcommands of the teamsim CLI and what they share.
#include <boost/program_options.hpp>

#include <string>
#include <vector>

#include "provenance.hpp"
#include "sweep_writer.hpp"

namespace teamsim::cli {

inline constexpr int kOk = 0, kFailed = 1, kBadInput = 2;
/// `calibrate --gather` with a round still pending: nothing failed, but no results were written.
inline constexpr int kPending = 3;

/// Parses a subcommand's options; positional arguments go to `positional_name`.
boost::program_options::variables_map parse(const std::vector<std::string>& args,
                                            const boost::program_options::options_description& options,
                                            const char* positional_name, int positional_count);
/// Prints a command's help: what it does (`about`), then its options.
void print_help(const char* about, const boost::program_options::options_description& options);

/// How progress goes to stderr: none (--quiet), a line redrawn in place (a terminal), or a plain line
/// every TEAMSIM_PROGRESS_SECONDS seconds (default 5) when stderr is a file or pipe (Slurm logs).
enum class ProgressMode { none, terminal, log };
ProgressMode progress_mode(bool quiet);
double log_progress_seconds();

/// The shard of a sweep or calibration: `--shard I/N`, else SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of
/// SLURM_ARRAY_TASK_COUNT, else {0, 1}. Throws InputError for anything else.
Shard read_shard(const boost::program_options::variables_map& vm);

/// True when this process was started by mpirun with more than one rank.
bool mpi_launched();

int command_sweep(const std::vector<std::string>& args, const std::vector<std::string>& dirs);
int command_merge(const std::vector<std::string>& args);
int command_compare(const std::vector<std::string>& args, const std::vector<std::string>& dirs);
int command_sensitivity(const std::vector<std::string>& args);
int command_calibrate(const std::vector<std::string>& args, const std::vector<std::string>& dirs);

}  // namespace teamsim::cli
