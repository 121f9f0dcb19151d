// The sweep writer (sim/sweep_writer.cpp, sim/atomic_file.cpp, sim/folder_lock.cpp): results written in run
// order whatever order they arrive in, the ledger and --resume, a finish cut short at any step, the folder
// lock, merge's row checks, and checked writes.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "atomic_file.hpp"
#include "input_error.hpp"
#include "sweep_run.hpp"
#include "sweep_writer.hpp"
#include "test_util.hpp"

using namespace teamsim;
using teamsim::test::lines;
using teamsim::test::read_file;
using teamsim::test::TempDir;
using teamsim::test::write_file;
namespace fs = std::filesystem;

namespace {

const char* const kFiles[] = {"runs.csv", "timeseries.csv", "aggregate.csv"};

// A small sweep: 4 points x 3 replicates of 20 steps, one point over the attention budget (failed runs).
struct Fixture {
  TempDir dir;
  SweepSpec spec;
  std::vector<RunResult> results;  // every run, in run order

  explicit Fixture(const std::string& record_extra = "") {
    write_file(dir.path() / "sweep.toml", R"([sweep]
name = "writer"
scenario = "baseline"
design = "grid"
replicates = 3
seed = 5
steps = 20
[set]
"manager.structure" = 0.0
"manager.mentoring" = 0.1
"manager.vision" = 0.1
[parameters]
"manager.control" = [0.1, 0.75]
"manager.recognition" = [0.0, 0.25]
[record]
timeseries = true
every = 5
)" + record_extra);
    spec = load_sweep(dir.str("sweep.toml"), {TEAMSIM_TEST_SCENARIOS});
    ModelCache models(spec, {TEAMSIM_TEST_SCENARIOS});
    for (long long id = 0; id < spec.runs(); ++id) results.push_back(execute_run(spec, models, id));
  }

  // Writes runs [from, to) of a shard's writer in the given order of run ids.
  std::string write(const std::string& name, Shard shard = {}, bool shuffled = false) {
    const std::string out = dir.str(name);
    SweepWriter writer(spec, out, shard, false);
    std::vector<RunResult> mine(results.begin() + writer.first_run(), results.begin() + writer.end_run());
    if (shuffled) std::shuffle(mine.begin(), mine.end(), std::mt19937(42));
    for (auto& r : mine) writer.add(r);
    writer.finish({});
    return out;
  }
};

void same_files(const std::string& a, const std::string& b) {
  for (const char* name : kFiles) {
    INFO(name);
    CHECK(read_file(a + "/" + name) == read_file(b + "/" + name));
  }
}

void nothing_left(const std::string& dir) {
  for (const char* name : {"ledger.json", ".teamsim.lock", "runs.csv.partial", "aggregate.csv.partial",
                           "timeseries.csv.partial", "ledger.json.tmp", "sweep.json.tmp"}) {
    INFO(name);
    CHECK_FALSE(fs::exists(dir + "/" + name));
  }
}

}  // namespace

TEST_CASE("Results arriving out of order are written in run order", "[sweep_writer]") {
  Fixture f;
  const std::string ordered = f.write("ordered");
  const std::string shuffled = f.write("shuffled", {}, true);
  same_files(ordered, shuffled);
  nothing_left(shuffled);
  const auto runs = lines(read_file(ordered + "/runs.csv"));
  REQUIRE(runs.size() == 13);
  for (long long id = 0; id < 12; ++id)
    CHECK(runs[static_cast<std::size_t>(id + 1)].rfind(std::to_string(id) + ",", 0) == 0);
  // Point 3 (control 0.75, recognition 0.25) breaks the attention budget: failed runs, as documented.
  CHECK(std::count_if(runs.begin(), runs.end(),
                      [](const std::string& l) { return l.find(",failed,") != std::string::npos; }) == 3);
  CHECK(runs[0].substr(runs[0].size() - 15) == ",numeric_issues");
  CHECK(runs[1].substr(runs[1].size() - 2) == ",0");      // an ok run: no value repaired
  CHECK(runs[12].substr(runs[12].size() - 4) == ",nan");  // a failed run: no count
  // sweep.json records the data rows of each file, which merge checks.
  const auto summary = nlohmann::json::parse(read_file(ordered + "/sweep.json"));
  CHECK(summary["rows"]["runs.csv"] == 12);
  CHECK(summary["rows"]["timeseries.csv"] == lines(read_file(ordered + "/timeseries.csv")).size() - 1);
  CHECK(summary["rows"]["aggregate.csv"] == lines(read_file(ordered + "/aggregate.csv")).size() - 1);
}

TEST_CASE("A writer abandoned part-way resumes from its ledger to identical files", "[sweep_writer]") {
  Fixture f;
  const std::string reference = f.write("reference");
  const std::string dir = f.dir.str("abandoned");
  {
    SweepWriter writer(f.spec, dir, {}, false);
    for (int id = 0; id < 5; ++id) writer.add(f.results[static_cast<std::size_t>(id)]);
    // The next checkpoint waits 0.5 s since the last one: point 1 closes after that.
    std::this_thread::sleep_for(std::chrono::milliseconds(550));
    writer.add(f.results[5]);
    writer.add(f.results[6]);  // written after the checkpoint: cut back on resume
    writer.add(f.results[7]);
  }  // abandoned, like a process killed or stopped by a failed write
  // Bytes beyond the ledger's offsets (a write that half happened) are cut back too.
  { std::ofstream(dir + "/runs.csv.partial", std::ios::app) << "garbage"; }
  REQUIRE(fs::exists(dir + "/ledger.json"));
  REQUIRE_FALSE(fs::exists(dir + "/runs.csv"));
  CHECK_THROWS_WITH(SweepWriter(f.spec, dir, {}, false), Catch::Contains("--resume"));
  {
    SweepWriter writer(f.spec, dir, {}, true);
    CHECK(writer.frontier() == 6);
    CHECK(writer.resumed() == 6);
    for (long long id = writer.frontier(); id < 12; ++id) writer.add(f.results[static_cast<std::size_t>(id)]);
    writer.finish({});
  }
  same_files(reference, dir);
  nothing_left(dir);
}

TEST_CASE("A finish cut short after any step completes on resume", "[sweep_writer]") {
  Fixture f;
  const std::string reference = f.write("reference");
  // The steps of finish, in order; `done` of them happened before the cut.
  for (int done = 0; done <= 5; ++done) {
    DYNAMIC_SECTION("after " << done << " steps") {
      const std::string dir = f.dir.str("cut-" + std::to_string(done));
      {
        SweepWriter writer(f.spec, dir, {}, false);
        for (const auto& r : f.results) writer.add(r);
        REQUIRE(writer.complete());
      }  // every run on disk, the ledger says so, nothing renamed
      int step = 0;
      for (const char* name : kFiles) {
        if (step++ < done) fs::rename(dir + "/" + name + ".partial", dir + "/" + name);
      }
      if (done >= 4) write_file(dir + "/sweep.json", read_file(reference + "/sweep.json"));
      if (done >= 5) fs::remove(dir + "/ledger.json");
      {
        SweepWriter writer(f.spec, dir, {}, true);
        CHECK(writer.complete());
        if (done < 5) writer.finish({});
      }
      same_files(reference, dir);
      nothing_left(dir);
      CHECK(fs::exists(dir + "/sweep.json"));
    }
  }
}

TEST_CASE("A ledger that claims more than the files hold is refused", "[sweep_writer]") {
  Fixture f;
  const std::string dir = f.dir.str("short");
  {
    SweepWriter writer(f.spec, dir, {}, false);
    for (const auto& r : f.results) writer.add(r);
  }
  fs::resize_file(dir + "/aggregate.csv.partial", 10);
  CHECK_THROWS_AS(SweepWriter(f.spec, dir, {}, true), InputError);
}

TEST_CASE("A folder being written is locked; the lock names the holder and dies with it", "[sweep_writer]") {
  Fixture f;
  const std::string dir = f.dir.str("locked");
  {
    SweepWriter first(f.spec, dir, {}, false);
    const std::string holder = "pid " + std::to_string(getpid()) + " on host ";
    CHECK_THROWS_WITH(SweepWriter(f.spec, dir, {}, true), Catch::Contains(holder));
    CHECK_THROWS_AS(SweepWriter(f.spec, dir, {}, true), InputError);
    CHECK(fs::exists(dir + "/.teamsim.lock"));
  }
  CHECK_FALSE(fs::exists(dir + "/.teamsim.lock"));
  // A lock file left by a killed process holds no lock.
  write_file(dir + "/.teamsim.lock", "pid 1 on host elsewhere\n");
  SweepWriter again(f.spec, dir, {}, true);
  CHECK(again.frontier() == 0);
}

TEST_CASE("merge joins shards and refuses a shard whose file was cut short", "[sweep_writer]") {
  Fixture f;
  const std::string whole = f.write("whole");
  const std::string a = f.write("shard-a", {0, 2}, true);
  const std::string b = f.write("shard-b", {1, 2});
  const std::string merged = f.dir.str("merged");
  merge_shards({b, a}, merged);
  same_files(whole, merged);
  nothing_left(merged);
  CHECK(nlohmann::json::parse(read_file(merged + "/sweep.json"))["rows"] ==
        nlohmann::json::parse(read_file(whole + "/sweep.json"))["rows"]);

  SECTION("a shard whose finish was cut short") {
    write_file(b + "/ledger.json", "{}");
    CHECK_THROWS_WITH(merge_shards({a, b}, f.dir.str("unfinished")), Catch::Contains("--resume"));
    CHECK_FALSE(fs::exists(f.dir.str("unfinished")));
  }
  for (const char* name : kFiles) {
    DYNAMIC_SECTION(name << " cut short") {
      const std::string file = b + "/" + name;
      const auto rows = lines(read_file(file));
      std::string text;
      for (std::size_t k = 0; k + 1 < rows.size(); ++k) text += rows[k] + "\n";  // the last row gone
      write_file(file, text);
      const std::string out = f.dir.str(std::string("cut-") + name);
      CHECK_THROWS_WITH(merge_shards({a, b}, out), Catch::Contains(file) && Catch::Contains("rows"));
      CHECK_FALSE(fs::exists(out));  // not even an empty folder
      // A row cut in the middle is refused too.
      write_file(file, text + rows.back().substr(0, 5));
      CHECK_THROWS_AS(merge_shards({a, b}, out + "-mid"), InputError);
    }
  }
}

TEST_CASE("A failed write throws an IoError naming the file and the OS reason", "[sweep_writer]") {
  CheckedFile full("/dev/full", CheckedFile::Mode::kTruncate);
  full.write("some bytes");
  CHECK_THROWS_WITH(full.flush(), Catch::Contains("/dev/full") && Catch::Contains("No space left on device"));
  CHECK_THROWS_WITH(AtomicFile("/nonexistent-folder/x.csv"),
                    Catch::Contains("/nonexistent-folder/x.csv.tmp") && Catch::Contains("No such file"));
  TempDir dir;
  CheckedFile file(dir.str("a.txt"), CheckedFile::Mode::kTruncate);
  file.write("abc");
  CHECK(file.offset() == 3);
  file.sync();
  file.close();
  CheckedFile more(dir.str("a.txt"), CheckedFile::Mode::kAppend);
  CHECK(more.offset() == 3);
  more.write("de");
  more.close();
  CHECK(read_file(dir.str("a.txt")) == "abcde");
}

TEST_CASE("sweep.json counts the rows of the long aggregate form too", "[sweep_writer]") {
  Fixture f("aggregate_form = \"long\"\n");
  REQUIRE(f.spec.aggregate_long);
  const std::string out = f.write("long");
  const auto summary = nlohmann::json::parse(read_file(out + "/sweep.json"));
  CHECK(summary["rows"]["aggregate.csv"] == lines(read_file(out + "/aggregate.csv")).size() - 1);
  const std::string a = f.write("long-a", {0, 2});
  const std::string b = f.write("long-b", {1, 2});
  merge_shards({a, b}, f.dir.str("long-merged"));
  same_files(out, f.dir.str("long-merged"));
}
