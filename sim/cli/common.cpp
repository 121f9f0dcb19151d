#include <unistd.h>

#include <ctime>

#include "commands.hpp"

namespace po = boost::program_options;

namespace teamsim::cli {

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return buf;
}

std::string host_name() {
  char buf[256] = {};
  gethostname(buf, sizeof buf - 1);
  return buf;
}

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& options,
                        const char* positional_name, int positional_count) {
  po::options_description all;
  all.add(options);
  all.add_options()(positional_name, po::value<std::vector<std::string>>(), "");
  po::positional_options_description positional;
  positional.add(positional_name, positional_count);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  po::notify(vm);
  return vm;
}

}  // namespace teamsim::cli
