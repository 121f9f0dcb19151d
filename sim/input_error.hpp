#pragma once
// Bad input: a scenario, sweep file or command-line value that cannot be used. The CLI prints what()
// and exits with code 2.
#include <stdexcept>
#include <string>

namespace teamsim {

/// An error in user input, located at file:line:column when the position is known.
class InputError : public std::runtime_error {
 public:
  InputError(const std::string& file, int line, int column, const std::string& message)
      : std::runtime_error(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                           message) {}
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace teamsim
