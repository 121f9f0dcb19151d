// libFuzzer harness for the scenario parser (scenario files and --set), built by the `fuzz` preset and
// run by scripts/fuzz.sh. Any input must either load or throw InputError: a crash, a sanitizer report, an
// abort or another exception is a finding. A model that loads must also survive its own round trip
// (to_toml, then load again, gives the same text), which is what run.json relies on.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "input_error.hpp"
#include "scenario.hpp"

using namespace teamsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // An input that starts with "--set\n" is a list of KEY=VALUE lines for an empty scenario.
  LoadOptions options;
  std::string document = text;
  if (text.starts_with("--set\n")) {
    document.clear();
    std::size_t at = 6;
    while (at <= text.size()) {
      const std::size_t end = std::min(text.find('\n', at), text.size());
      options.sets.push_back(text.substr(at, end - at));
      at = end + 1;
    }
  }
  Model model;
  try {
    model = load_scenario_text(document, "fuzz.toml", options);
  } catch (const InputError&) {
    return 0;
  }
  const std::string resolved = to_toml(model);
  const Model back = load_scenario_text(resolved, "resolved.toml", LoadOptions{});  // must not throw
  if (to_toml(back) != resolved) __builtin_trap();
  return 0;
}
