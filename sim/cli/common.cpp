#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <sstream>

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

}  // namespace teamsim::cli
