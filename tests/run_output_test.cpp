// Run output (sim/run_output.cpp, sim/atomic_file.cpp, sim/format.cpp): the CSV files and run.json, written
// under temporary names and renamed into place only when complete.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <set>

#include "atomic_file.hpp"
#include "format.hpp"
#include "run_output.hpp"
#include "test_util.hpp"

using namespace teamsim;
using teamsim::test::lines;
using teamsim::test::load;
using teamsim::test::read_file;
using teamsim::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Forwards to two observers.
class Tee final : public Observer {
 public:
  Tee(Observer& a, Observer& b) : a_(a), b_(b) {}
  void on_record(const State& s, const Metrics& m) override {
    a_.on_record(s, m);
    b_.on_record(s, m);
  }
  void on_event(const EventRecord& e) override {
    a_.on_event(e);
    b_.on_event(e);
  }

 private:
  Observer& a_;
  Observer& b_;
};

class Recorder final : public Observer {
 public:
  void on_record(const State& s, const Metrics& m) override { rows.push_back({s.t, m}); }
  void on_event(const EventRecord& e) override { events.push_back(e); }
  std::vector<std::pair<int, Metrics>> rows;
  std::vector<EventRecord> events;
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  for (const char c : line) {
    if (c == ',') {
      fields.push_back(field);
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(field);
  return fields;
}

const std::string kScenario = R"(
[scenario]
name = "output"
steps = 10
[team]
size = 4
dims = 8
[[events]]
at = 2
type = "layoff"
count = 1
[[events]]
at = 4
type = "set"
key = "manager.openness"
value = 0.75
)";

}  // namespace

TEST_CASE("timeseries.csv has the contract's columns and the recorded metrics, exactly", "[output]") {
  const Model model = load(kScenario);
  TempDir dir;
  RunWriter writer(model, OutputOptions{dir.str(), false, 0});
  Recorder recorder;
  Tee tee(writer, recorder);
  simulate(model, RunSettings{10, 1, 3}, tee);
  writer.finish("{\"ok\": true}\n");

  const auto rows = lines(read_file(dir.path() / "timeseries.csv"));
  CHECK(rows[0] ==
        "t,productivity,morale,morale_sd,trust_in_manager,peer_trust,alignment,dissent_share,knowledge,"
        "code_knowledge,strain,autonomy,psych_safety,headcount,quits,informal_leaders,top_leader,"
        "top_leader_power,manager_power,lmx_differentiation");
  // every = 3: t = 0, 3, 6, 9 and the last step 10.
  REQUIRE(rows.size() == 6);
  REQUIRE(recorder.rows.size() == 5);
  const int expected_t[] = {0, 3, 6, 9, 10};
  for (std::size_t r = 0; r < 5; ++r) {
    const auto fields = split(rows[r + 1]);
    REQUIRE(fields.size() == kMetricCount + 1);
    CHECK(std::stoi(fields[0]) == expected_t[r]);
    for (std::size_t k = 0; k < kMetricCount; ++k) {
      CHECK(std::stod(fields[k + 1]) == recorder.rows[r].second.*kMetrics[k].field);  // shortest round trip
    }
  }
  CHECK(read_file(dir.path() / "run.json") == "{\"ok\": true}\n");
}

TEST_CASE("events.csv lists scheduled and emergent events in order", "[output]") {
  const Model model = load(kScenario);
  TempDir dir;
  RunWriter writer(model, OutputOptions{dir.str(), false, 0});
  Recorder recorder;
  Tee tee(writer, recorder);
  simulate(model, RunSettings{10, 1, 1}, tee);
  writer.finish("{}\n");
  const auto rows = lines(read_file(dir.path() / "events.csv"));
  CHECK(rows[0] == "t,event,agent,detail");
  REQUIRE(rows.size() == recorder.events.size() + 1);
  bool layoff = false, set = false;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const EventRecord& e = recorder.events[r - 1];
    CHECK(rows[r].rfind(std::to_string(e.t) + "," + e.event + ",", 0) == 0);
    if (e.event == "layoff") {
      layoff = true;
      CHECK(rows[r] == "2,layoff,,count=1");  // no agent: an empty field
    }
    if (e.event == "set") {
      set = true;
      CHECK(rows[r] == "4,set,,manager.openness=0.75");
    }
  }
  CHECK(layoff);
  CHECK(set);
}

TEST_CASE("agents.csv and network.csv are written on request", "[output]") {
  const Model model = load(kScenario);
  TempDir dir;
  RunWriter writer(model, OutputOptions{dir.str(), true, 5});
  simulate(model, RunSettings{10, 1, 1}, writer);
  writer.finish("{}\n");

  const auto agents = lines(read_file(dir.path() / "agents.csv"));
  CHECK(
      agents[0] ==
      "t,agent,role,active,productivity,morale,strain,stance,trust_in_manager,power,knowledge,lmx,attention,"
      "in_group,degree");
  CHECK(agents.size() == 1 + 11 * 4);  // every step, every seat
  int vacant = 0;
  for (std::size_t r = 1; r < agents.size(); ++r) {
    const auto fields = split(agents[r]);
    REQUIRE(fields.size() == 15);
    CHECK(fields[14] == "3");  // degree on the complete network of 4 seats, vacant or not
    CHECK(fields[13] == "0");  // nobody is in an in-group while [lmx] is off
    if (fields[2] == "vacant") {
      ++vacant;
      CHECK(fields[3] == "0");
      CHECK(fields[4] == "nan");
      CHECK(fields[11] == "nan");
      CHECK(fields[12] == "nan");
    } else {
      CHECK(fields[11] == "0.5");  // the manager's relationship: its initial value while [lmx] is off
      CHECK(fields[12] == "1");    // and an equal share of the attention
      CHECK(fields[3] == "1");
      const double stance = std::stod(fields[7]);
      CHECK(stance >= 0.0);
      CHECK(stance <= 1.0);
    }
  }
  CHECK(vacant > 0);  // the laid-off seat from t = 2 (no rehire)

  const auto network = lines(read_file(dir.path() / "network.csv"));
  CHECK(network[0] == "t,source,target,trust,weight,contact");
  std::set<int> times;
  bool manager_row = false;
  for (std::size_t r = 1; r < network.size(); ++r) {
    const auto fields = split(network[r]);
    REQUIRE(fields.size() == 6);
    // The contact weight: 1 between two people on the complete network, nan for oneself and the manager.
    const bool peers = fields[1] != fields[2] && fields[1] != "-1" && fields[2] != "-1";
    CHECK(fields[5] == (peers ? "1" : "nan"));
    times.insert(std::stoi(fields[0]));
    manager_row = manager_row || (fields[1] == "-1" && fields[2] == "-1");
  }
  // t = 0, multiples of 5, and the event steps 2 and 4.
  CHECK(times == std::set<int>{0, 2, 4, 5, 10});
  CHECK(manager_row);
}

TEST_CASE("RunText keeps in memory the bytes RunWriter writes", "[output]") {
  const Model model = load(kScenario);
  for (const auto& [agents, network] : {std::pair{false, 0}, std::pair{true, 3}}) {
    TempDir dir;
    RunWriter writer(model, OutputOptions{dir.str(), agents, network});
    RunText text(model, agents, network);
    Tee both(writer, text);
    simulate(model, RunSettings{10, 5, 2}, both);
    writer.finish("{}\n");
    CHECK(text.timeseries == read_file(dir.path() / "timeseries.csv"));
    CHECK(text.events == read_file(dir.path() / "events.csv"));
    CHECK(lines(text.timeseries).size() == 7);  // header, t = 0, 2, ..., 10
    CHECK(lines(text.events).size() > 1);
    if (agents) {
      CHECK(text.agents == read_file(dir.path() / "agents.csv"));
      CHECK(text.network == read_file(dir.path() / "network.csv"));
    } else {
      CHECK(text.agents.empty());
      CHECK(text.network.empty());
      CHECK_FALSE(fs::exists(dir.path() / "agents.csv"));
    }
  }
}

TEST_CASE("Files appear only when the run is finished", "[output]") {
  const Model model = load(kScenario);
  TempDir dir;
  {
    RunWriter writer(model, OutputOptions{dir.str("out"), true, 1});
    simulate(model, RunSettings{10, 1, 1}, writer);
    CHECK_FALSE(fs::exists(dir.path() / "out" / "timeseries.csv"));
    CHECK(fs::exists(dir.path() / "out" / "timeseries.csv.tmp"));
    // Destroyed without finish(): an interrupted run leaves nothing that looks complete.
  }
  CHECK(fs::is_empty(dir.path() / "out"));

  {
    RunWriter writer(model, OutputOptions{dir.str("out"), false, 0});
    simulate(model, RunSettings{10, 1, 1}, writer);
    writer.finish("{}\n");
  }  // the folder lock goes with the writer
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir.path() / "out"))
    names.insert(entry.path().filename().string());
  CHECK(names == std::set<std::string>{"events.csv", "run.json", "timeseries.csv"});
}

TEST_CASE("CSV fields are quoted when they need it", "[output]") {
  CHECK(csv_field("plain text") == "plain text");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_header(std::vector<std::string>{"a", "b", "c"}) == "a,b,c\n");
}

TEST_CASE("Numbers are written in the shortest form that reads back exactly", "[output]") {
  for (const double v : {0.1, 1.0 / 3.0, 1e-300, 123456789.125, 0.30000000000000004, 5e-324}) {
    const std::string text = format_number(v);
    CHECK(std::strtod(text.c_str(), nullptr) == v);
  }
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(2.0) == "2");
  CHECK(format_number(-0.0) == "0");
  CHECK(format_number(std::numeric_limits<double>::quiet_NaN()) == "nan");
  CHECK(format_number(-std::numeric_limits<double>::infinity()) == "-inf");
}

TEST_CASE("sha256_hex matches the FIPS 180-2 test vectors", "[output]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("write_file_atomically replaces a file whole", "[output]") {
  TempDir dir;
  const std::string path = dir.str("f.txt");
  write_file_atomically(path, "first");
  write_file_atomically(path, "second");
  CHECK(read_file(path) == "second");
  CHECK_FALSE(fs::exists(path + ".tmp"));
  CHECK_THROWS(write_file_atomically(dir.str("no/such/folder/f.txt"), "x"));
}

TEST_CASE("A run replaces an earlier run whole and never writes into other folders", "[output]") {
  const Model model = load(kScenario);
  TempDir dir;
  const std::string out = dir.str("out");
  auto names = [&] {
    std::set<std::string> found;
    for (const auto& entry : fs::directory_iterator(out)) found.insert(entry.path().filename().string());
    return found;
  };
  auto run = [&](OutputOptions options, const std::string& json) {
    RunWriter writer(model, options);
    simulate(model, RunSettings{10, 1, 1}, writer);
    writer.finish(json);
  };
  run(OutputOptions{out, true, 2}, "{\"first\": 1}\n");
  CHECK(names() ==
        std::set<std::string>{"agents.csv", "events.csv", "network.csv", "run.json", "timeseries.csv"});
  // The earlier run is recognized by its run.json and replaced as a whole: no stale agents.csv.
  teamsim::test::write_file(out + "/plot.png", "not teamsim's");
  run(OutputOptions{out, false, 0}, "{\"second\": 2}\n");
  CHECK(names() == std::set<std::string>{"events.csv", "plot.png", "run.json", "timeseries.csv"});
  CHECK(read_file(out + "/run.json") == "{\"second\": 2}\n");

  // A run cut short (only run files, under final or temporary names, no run.json) is replaced too.
  fs::remove(out + "/run.json");
  fs::remove(out + "/plot.png");
  teamsim::test::write_file(out + "/agents.csv.tmp", "t,agent\n1,");
  CHECK_NOTHROW(check_run_folder(out, false));
  run(OutputOptions{out, false, 0}, "{}\n");
  CHECK(names() == std::set<std::string>{"events.csv", "run.json", "timeseries.csv"});

  // Any other non-empty folder is refused unless --force; nothing in it changes.
  const std::string other = dir.str("other");
  fs::create_directories(other);
  teamsim::test::write_file(other + "/notes.txt", "mine");
  CHECK_THROWS_WITH(RunWriter(model, OutputOptions{other, false, 0}),
                    Catch::Contains("notes.txt") && Catch::Contains("--force"));
  CHECK(fs::exists(other + "/notes.txt"));
  CHECK_FALSE(fs::exists(other + "/timeseries.csv.tmp"));
  CHECK_FALSE(fs::exists(other + "/.teamsim.lock"));
  OutputOptions forced{other, false, 0};
  forced.force = true;
  run(forced, "{}\n");
  CHECK(fs::exists(other + "/notes.txt"));
  CHECK(fs::exists(other + "/run.json"));

  // A sweep folder is never written by a run, --force or not.
  const std::string sweep = dir.str("sweep");
  fs::create_directories(sweep);
  teamsim::test::write_file(sweep + "/sweep.json", "{}");
  teamsim::test::write_file(sweep + "/timeseries.csv", "run_id,t\n");
  for (const bool force : {false, true}) {
    OutputOptions options{sweep, false, 0};
    options.force = force;
    CHECK_THROWS_WITH(RunWriter(model, options), Catch::Contains("sweep folder"));
  }
  CHECK(read_file(sweep + "/timeseries.csv") == "run_id,t\n");
  CHECK(fs::exists(dir.str("empty")) == false);
  CHECK_NOTHROW(check_run_folder(dir.str("empty"), false));
}
