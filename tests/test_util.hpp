#pragma once
// Helpers shared by the tests: tiny scenarios from raw strings, switching submodels off, temporary
// folders, whole-file reads, the message of an input error and of an assertion's abort.
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "input_error.hpp"
#include "model.hpp"
#include "param_registry.hpp"
#include "scenario.hpp"
#include "state.hpp"
#include "step.hpp"

namespace teamsim::test {

/// Load options that find the built-in scenarios of the source tree.
inline LoadOptions options(std::vector<std::string> sets = {}) {
  return LoadOptions{{TEAMSIM_TEST_SCENARIOS}, std::move(sets)};
}

/// A model from scenario text (messages name it "test.toml").
inline Model load(const std::string& text, std::vector<std::string> sets = {}) {
  return load_scenario_text(text, "test.toml", options(std::move(sets)));
}

/// TOML tables that switch off every submodel not named in `on` ("work", "influence", ...): the submodels
/// are the registry's sections with an `enabled` switch.
inline std::string only(std::initializer_list<const char*> on) {
  for (const char* name : on) {
    const auto& sections = submodel_sections();
    if (std::find(sections.begin(), sections.end(), name) == sections.end())
      throw std::invalid_argument(std::string("only(): no submodel named ") + name);
  }
  std::string text;
  for (const std::string& section : submodel_sections()) {
    bool keep = false;
    for (const char* name : on) keep = keep || name == section;
    if (!keep) text += "[" + section + "]\nenabled = false\n";
  }
  return text;
}

/// A fresh folder under the system temporary folder, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "teamsim-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string str(const std::string& name = "") const {
    return name.empty() ? path_.string() : (path_ / name).string();
  }

 private:
  std::filesystem::path path_;
};

/// The bytes of a file.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Writes text to a file.
inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

/// The message of the InputError that `action` throws, or "" when it throws none.
template <class Action>
std::string input_error_of(Action&& action) {
  try {
    std::forward<Action>(action)();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

/// Lines of a text.
inline std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// How `action` ended in a forked child: whether it died by SIGABRT (an assertion), and what it wrote to
/// stderr. The child restores SIGABRT's default, so it dies by the abort rather than Catch's handler.
struct Abort {
  bool aborted = false;
  std::string message;
};
inline Abort abort_of(const std::function<void()>& action) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("abort_of: pipe failed");
  const pid_t child = fork();
  if (child < 0) throw std::runtime_error("abort_of: fork failed");
  if (child == 0) {
    std::signal(SIGABRT, SIG_DFL);
    dup2(pipe_fds[1], STDERR_FILENO);
    action();
    _exit(0);
  }
  close(pipe_fds[1]);
  Abort result;
  char buf[512];
  for (ssize_t got; (got = read(pipe_fds[0], buf, sizeof buf)) > 0;)
    result.message.append(buf, static_cast<std::size_t>(got));
  close(pipe_fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  result.aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
  return result;
}

}  // namespace teamsim::test
