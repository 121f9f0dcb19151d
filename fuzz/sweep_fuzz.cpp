// libFuzzer harness for the sweep parser, built by the `fuzz` preset and run by scripts/fuzz.sh. The
// input is written to a file (load_sweep reads files) whose base scenario may be any built-in scenario.
// Any input must either load or throw InputError; a sweep that loads must give values, typed overrides
// and seeds for its first and last points without failing.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

#include "input_error.hpp"
#include "sweep_spec.hpp"

using namespace teamsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/teamsim-sweep-fuzz-" + std::to_string(getpid()) + ".toml";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  SweepSpec spec;
  try {
    spec = load_sweep(path, {TEAMSIM_FUZZ_SCENARIOS});
  } catch (const InputError&) {
    return 0;
  }
  if (spec.points < 1 || spec.runs() < spec.points || spec.runs() > kMaxRuns) __builtin_trap();
  for (const int point : {0, spec.points - 1}) {
    const auto values = point_values(spec, point);
    const auto overrides = point_overrides(spec, point);
    // Every parameter has a value; every one but the scenario factor (which picks the file) an override.
    const auto factors = static_cast<std::size_t>(std::count_if(
        spec.parameters.begin(), spec.parameters.end(), [](const auto& p) { return p.key == "scenario"; }));
    if (values.size() != spec.parameters.size() || overrides.size() + factors != values.size())
      __builtin_trap();
    for (std::size_t k = 0; k < values.size(); ++k) value_text(spec.parameters[k], values[k]);
    run_seed(spec.seed, point, spec.replicates - 1);
  }
  return 0;
}
