// _teamsim: the compiled half of the Python package teamsim (python/teamsim/__init__.py is the API).
// A thin layer like the CLI: it loads and checks input, runs the library with the GIL released, and
// hands back the same text the CLI writes (CSV files, run.json, scenario TOML), which the Python side
// turns into DataFrames. teamsim::InputError becomes teamsim.InputError (a ValueError).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "input_error.hpp"
#include "provenance.hpp"
#include "run_output.hpp"
#include "run_record.hpp"
#include "scenario.hpp"
#include "sweep.hpp"
#include "teamsim/version.hpp"

namespace py = pybind11;
using namespace teamsim;

namespace {

// What a run leaves: the text of each CSV file and of run.json.
struct RunTexts {
  std::string timeseries, events, agents, network, run_json;
};

// `teamsim run`, in memory: the same model, seed, recording and run.json fields as sim/cli/main.cpp.
RunTexts run_in_memory(const std::string& scenario, const std::vector<std::string>& sets,
                       const std::vector<std::string>& dirs, bool has_seed, std::uint64_t seed, int steps,
                       int every, bool agents, int network) {
  Model model = load_scenario(scenario, LoadOptions{dirs, sets});
  if (steps != 0) {
    if (steps < 1) throw InputError("steps: expected an integer >= 1, found " + std::to_string(steps));
    model.steps = steps;
  }
  if (has_seed) model.seed = seed;
  if (every < 1) throw InputError("every: expected an integer >= 1, found " + std::to_string(every));
  if (network < 0) throw InputError("network: expected an integer >= 1, found " + std::to_string(network));

  const std::string resolved = to_toml(model);
  const std::string started = utc_now();
  const auto clock = std::chrono::steady_clock::now();
  RunText text(model, agents, network);
  const RunSummary summary = simulate(model, RunSettings{model.steps, model.seed, every}, text);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock).count();

  return {std::move(text.timeseries), std::move(text.events), std::move(text.agents), std::move(text.network),
          run_record_json(model, every, resolved, started, wall, summary)};
}

// `teamsim sweep SWEEP -o OUT [--threads N] [--resume]` (SWEEP: a file or a built-in sweep's name); returns
// sweep.json's provenance fields.
std::string sweep_to_folder(const std::string& path, const std::string& out, int threads, bool resume,
                            const std::vector<std::string>& dirs) {
  const SweepSpec spec = load_sweep(resolve_sweep(path, dirs), dirs);
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (threads < 1 || threads > 4096)
    throw InputError("threads: expected an integer in [1, 4096], found " + std::to_string(threads));
  // A finished sweep asked to resume: nothing to do, sweep.json stays as it is (as the CLI does).
  if (resume && std::filesystem::exists(out + "/sweep.json") &&
      !std::filesystem::exists(out + "/ledger.json")) {
    SweepWriter check(spec, out, Shard{}, resume);  // throws if the folder holds another sweep
    return "{}";
  }
  ModelCache models(spec, dirs);
  const std::string started = utc_now();
  const auto clock = std::chrono::steady_clock::now();
  SweepWriter writer(spec, out, Shard{}, resume);
  run_sweep(spec, models, writer, threads, nullptr);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock).count();
  const nlohmann::ordered_json provenance =
      sweep_provenance(writer, SweepRunFacts{started, wall, threads, 1});
  writer.finish(provenance);
  return provenance.dump();
}

}  // namespace

PYBIND11_MODULE(_teamsim, m) {
  m.doc() = "teamsim's compiled core; use the package teamsim (teamsim.run, teamsim.sweep, ...).";
  m.attr("__version__") = kVersion;
  m.attr("git_revision") = kGitRevision;
  m.attr("build_type") = kBuildType;
  m.attr("source_scenarios") = TEAMSIM_SOURCE_SCENARIOS;
  py::register_exception<InputError>(m, "InputError", PyExc_ValueError);

  m.def(
      "run",
      [](const std::string& scenario, const std::vector<std::string>& sets,
         const std::vector<std::string>& dirs, bool has_seed, std::uint64_t seed, int steps, int every,
         bool agents, int network) {
        RunTexts texts;
        {
          py::gil_scoped_release release;
          texts = run_in_memory(scenario, sets, dirs, has_seed, seed, steps, every, agents, network);
        }
        py::dict out;
        out["timeseries"] = texts.timeseries;
        out["events"] = texts.events;
        out["agents"] = agents ? py::object(py::str(texts.agents)) : py::none();
        out["network"] = network > 0 ? py::object(py::str(texts.network)) : py::none();
        out["run_json"] = texts.run_json;
        return out;
      },
      py::arg("scenario"), py::arg("sets"), py::arg("dirs"), py::arg("has_seed"), py::arg("seed"),
      py::arg("steps"), py::arg("every"), py::arg("agents"), py::arg("network"),
      "One run in memory: a dict of the CSV texts (timeseries, events, agents, network) and run_json.");

  m.def(
      "show",
      [](const std::string& scenario, const std::vector<std::string>& sets,
         const std::vector<std::string>& dirs) {
        return to_toml(load_scenario(scenario, LoadOptions{dirs, sets}));
      },
      py::arg("scenario"), py::arg("sets"), py::arg("dirs"),
      "The resolved scenario as TOML (`teamsim show`).");

  m.def(
      "scenarios",
      [](const std::vector<std::string>& dirs) {
        std::vector<std::tuple<std::string, std::string, std::string>> out;
        for (const auto& s : list_scenarios(dirs)) out.emplace_back(s.name, s.description, s.path);
        return out;
      },
      py::arg("dirs"), "The built-in scenarios: (name, description, path), sorted by name.");

  m.def(
      "sweep",
      [](const std::string& path, const std::string& out, int threads, bool resume,
         const std::vector<std::string>& dirs) {
        py::gil_scoped_release release;
        return sweep_to_folder(path, out, threads, resume, dirs);
      },
      py::arg("path"), py::arg("out"), py::arg("threads"), py::arg("resume"), py::arg("dirs"),
      "`teamsim sweep PATH -o OUT` on `threads` threads (0: one per core) with the GIL released.");
}
