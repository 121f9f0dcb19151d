#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <sstream>
#include <string>

#include "commands.hpp"
#include "input_error.hpp"
#include "param_registry.hpp"

namespace po = boost::program_options;

namespace teamsim::cli {

void print_help(const char* about, const po::options_description& options) {
  std::cout << about << "\n" << options;
}

ProgressMode progress_mode(bool quiet) {
  if (quiet) return ProgressMode::none;
  return isatty(STDERR_FILENO) ? ProgressMode::terminal : ProgressMode::log;
}

double log_progress_seconds() {
  const char* text = std::getenv("TEAMSIM_PROGRESS_SECONDS");
  if (!text || !*text) return 5.0;
  char* end = nullptr;
  const double seconds = std::strtod(text, &end);
  if (*end != '\0' || !(seconds >= 0))
    throw InputError(std::string("TEAMSIM_PROGRESS_SECONDS: expected a number of seconds >= 0, found '") +
                     text + "'");
  return seconds;
}

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& options,
                        const char* positional_name, int positional_count) {
  po::options_description all;
  all.add(options);
  all.add_options()(positional_name, po::value<std::vector<std::string>>(), "");
  po::positional_options_description positional;
  positional.add(positional_name, positional_count);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  } catch (const po::unknown_option& e) {
    // "did you mean": the nearest of the command's long options.
    std::vector<std::string> names;
    for (const auto& option : options.options())
      if (!option->long_name().empty()) names.push_back("--" + option->long_name());
    const std::string near = nearest(e.get_option_name(), names);
    std::ostringstream printed;  // the caption ("teamsim run SCENARIO [options]") is the first line
    printed << options;
    const std::string caption = printed.str();
    const std::string command = caption.substr(0, caption.find(' ', caption.find(' ') + 1));
    throw InputError("unknown option '" + e.get_option_name() + "'" +
                     (near.empty() ? "" : "; did you mean '" + near + "'?") + " (see `" + command +
                     " --help`)");
  }
  po::notify(vm);
  return vm;
}

// "I/N" with 0 <= I < N, or SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT (less SLURM_ARRAY_TASK_MIN).
Shard read_shard(const po::variables_map& vm) {
  std::string text;
  std::string origin = "--shard";
  if (vm.count("shard")) {
    text = vm["shard"].as<std::string>();
  } else if (const char* id = std::getenv("SLURM_ARRAY_TASK_ID")) {
    const char* count = std::getenv("SLURM_ARRAY_TASK_COUNT");
    const char* min = std::getenv("SLURM_ARRAY_TASK_MIN");
    const char* step = std::getenv("SLURM_ARRAY_TASK_STEP");
    if (!count) throw InputError("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not");
    if (step && std::atoll(step) != 1) {
      throw InputError("SLURM_ARRAY_TASK_STEP is " + std::string(step) +
                       ": use a contiguous array (--array=0-N) or pass --shard I/N explicitly");
    }
    text = std::to_string(std::atoll(id) - (min ? std::atoll(min) : 0)) + "/" + count;
    origin = "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT";
  } else {
    return {};
  }
  const auto slash = text.find('/');
  std::size_t used_index = 0, used_count = 0;
  long long index = -1, count = -1;
  try {
    index = std::stoll(text.substr(0, slash), &used_index);
    count = std::stoll(text.substr(slash + 1), &used_count);
  } catch (const std::exception&) {
  }
  if (slash == std::string::npos || used_index != slash || used_count != text.size() - slash - 1 ||
      count < 1 || index < 0 || index >= count || count > 1000000) {
    throw InputError(origin + ": expected I/N with 0 <= I < N (shards are numbered from 0), found '" + text +
                     "'");
  }
  return {static_cast<int>(index), static_cast<int>(count)};
}

bool mpi_launched() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"}) {
    if (const char* v = std::getenv(name)) return std::atoi(v) > 1;
  }
  return false;
}

}  // namespace teamsim::cli
