// Scenario files (sim/scenario_read.cpp, sim/scenario_check.cpp, sim/scenario_write.cpp, sim/toml_check.cpp):
// bad input is reported with file:line:column, the key, what was expected and what was found (the message
// text is part of the contract); extends, --set, events and the round trip through to_toml.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

#include "format.hpp"
#include "input_error.hpp"
#include "param_registry.hpp"
#include "run_record.hpp"
#include "test_util.hpp"
#include "toml_check.hpp"

using namespace teamsim;
using Catch::Matchers::Contains;
using teamsim::test::load;
using teamsim::test::options;
using teamsim::test::TempDir;
using teamsim::test::write_file;

namespace {

// The message of the InputError that loading `text` throws ("" when it loads).
std::string error_of(const std::string& text, std::vector<std::string> sets = {}) {
  try {
    load(text, std::move(sets));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string error_of_file(const std::string& path) {
  try {
    load_scenario(path, options());
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string error_of_file_with(const std::string& ref, std::vector<std::string> sets) {
  try {
    load_scenario(ref, options(std::move(sets)));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("A misspelt key is reported with its position and the nearest valid key", "[scenario]") {
  const std::string message = error_of("[manager]\ncontrl = 0.5\n");
  CHECK_THAT(message, Contains("test.toml:2:1:"));
  CHECK_THAT(message, Contains("unknown key 'contrl' in manager"));
  CHECK_THAT(message, Contains("did you mean 'control'"));
}

TEST_CASE("A misspelt section is reported with the nearest section", "[scenario]") {
  const std::string message = error_of("[scenario]\nname = \"x\"\n\n[managr]\ncontrol = 0.5\n");
  CHECK_THAT(message, Contains("test.toml:4:"));
  CHECK_THAT(message, Contains("'managr'"));
  CHECK_THAT(message, Contains("did you mean 'manager'"));
}

TEST_CASE("A value out of range names the key, the allowed range and the value found", "[scenario]") {
  const std::string message = error_of("[manager]\ncontrol = 1.5\n");
  CHECK_THAT(message, Contains("test.toml:2:"));
  CHECK_THAT(message, Contains("manager.control: expected a number in [0, 1], found 1.5"));

  const std::string integer = error_of("[team]\nsize = 0\n");
  CHECK_THAT(integer, Contains("test.toml:2:"));
  CHECK_THAT(integer, Contains("team.size: expected an integer in [1, 100000], found 0"));

  const std::string open = error_of("[influence]\ngamma = 0.0\n");
  CHECK_THAT(open, Contains("influence.gamma: expected a number in (0, 10], found 0"));

  const std::string explicit_value = error_of("[team]\nsize = 2\n[team.agents]\nstance = [0.5, 1.5]\n");
  CHECK_THAT(explicit_value, Contains("test.toml:4:"));
  CHECK_THAT(explicit_value, Contains("team.agents.stance[1]: expected a number in [0, 1], found 1.5"));
}

TEST_CASE("A TOML syntax error is reported at file:line:column", "[scenario]") {
  const std::string message = error_of("[scenario]\nname = \"x\"\nsteps = = 3\n");
  CHECK_THAT(message, Contains("test.toml:3:"));
  CHECK_THAT(message, Contains("TOML syntax error"));
}

TEST_CASE("A value of the wrong type says what was expected and found", "[scenario]") {
  CHECK_THAT(
      error_of("[manager]\ncontrol = \"high\"\n"),
      Contains("test.toml:2:11: manager.control: expected a number in [0, 1], found a string \"high\""));
  CHECK_THAT(error_of("[work]\nenabled = 1\n"), Contains("work.enabled: expected true or false, found 1"));
  CHECK_THAT(error_of("[manager]\npolicy = \"pusch\"\n"), Contains("did you mean 'push'"));
  CHECK_THAT(error_of("[team]\nsize = 2.5\n"),
             Contains("team.size: expected an integer in [1, 100000], found 2.5"));
  CHECK_THAT(error_of("manager = 3\n"), Contains("manager: expected a table, found 3"));
}

TEST_CASE("An unknown event type lists the types", "[scenario]") {
  const std::string message = error_of("[[events]]\nat = 1\ntype = \"quit\"\n");
  CHECK_THAT(message, Contains("test.toml:3:"));
  CHECK_THAT(message,
             Contains("events[0].type: expected one of set, dissent, change, promote, replace_manager, "
                      "hire, layoff, dialogue, tie, untie, found \"quit\""));
}

TEST_CASE("Event fields are checked", "[scenario]") {
  CHECK_THAT(error_of("[[events]]\nat = 1\ntype = \"dissent\"\nshare = 0.5\n"),
             Contains("unknown key 'share' in events[0] (type dissent)"));
  CHECK_THAT(error_of("[scenario]\nsteps = 10\n[[events]]\nat = 11\ntype = \"hire\"\ncount = 1\n"),
             Contains("events[0].at: expected an integer in [1, 10], found 11"));
  CHECK_THAT(error_of("[[events]]\nat = 1\ntype = \"set\"\nkey = \"manager.contrl\"\nvalue = 1\n"),
             Contains("events[0].key: unknown parameter 'manager.contrl'; did you mean 'manager.control'?"));
  CHECK_THAT(error_of("[[events]]\nat = 1\ntype = \"set\"\nkey = \"manager.control\"\nvalue = 2\n"),
             Contains("manager.control: expected a number in [0, 1], found 2"));
  CHECK_THAT(error_of("[[events]]\nat = 1\ntype = \"layoff\"\n"),
             Contains("a layoff needs exactly one of 'count' or 'share'"));
  CHECK_THAT(error_of("[team]\nsize = 4\n[[events]]\nat = 1\ntype = \"dialogue\"\nagent = 4\n"),
             Contains("events[0].agent: expected an integer in [0, 3], found 4"));
}

TEST_CASE("An explicit array of the wrong length is reported", "[scenario]") {
  CHECK_THAT(error_of("[team]\nsize = 3\n[team.agents]\nstance = [0.1, 0.2]\n"),
             Contains("test.toml:4:10: team.agents.stance: expected an array of 3 values, found 2"));
  CHECK_THAT(error_of("[team]\nsize = 2\ndims = 3\n[team.agents]\nreality = [1, -1]\n"),
             Contains("team.agents.reality: expected an array of 3 values, found 2"));
  CHECK_THAT(error_of("[team]\nsize = 2\n[team.agents]\ntrust = [[1.0, 0.5], [0.5]]\n"),
             Contains("team.agents.trust[1]: expected a row of 2, 3 values (all rows alike), found 1"));
  CHECK_THAT(error_of("[team]\nsize = 2\n[team.agents]\ntrust = [[1.0, 1.5], [0.5, 1.0]]\n"),
             Contains("team.agents.trust[0][1]: expected a number in [0, 1] off the diagonal, found 1.5"));
  CHECK_THAT(error_of("[team]\nsize = 1\ndims = 2\n[team.agents]\nbeliefs = [[1, 2]]\n"),
             Contains("team.agents.beliefs[0][1]: expected an integer in [-1, 1], found 2"));
}

TEST_CASE("Cross-field rules: the attention budget and the trust weights", "[scenario]") {
  CHECK_THAT(error_of("[manager]\ncontrol = 0.6\nrecognition = 0.3\n"),
             Contains("test.toml:1:1: manager: control + structure + recognition + mentoring + vision is an "
                      "attention budget of at most 1, found 1.4"));
  CHECK_THAT(error_of("[trust]\nability_weight = 0.5\n"),
             Contains("ability_weight + benevolence_weight + integrity_weight must be 1, found 1.1"));
}

TEST_CASE("An extends cycle is reported", "[scenario]") {
  TempDir dir;
  write_file(dir.path() / "a.toml", "[scenario]\nname = \"a\"\nextends = \"b\"\n");
  write_file(dir.path() / "b.toml", "[scenario]\nname = \"b\"\nextends = \"a.toml\"\n");
  const std::string message = error_of_file(dir.str("a.toml"));
  CHECK_THAT(message, Contains("extends forms a cycle"));
  CHECK_THAT(message, Contains("a.toml -> "));
  CHECK_THAT(message, Contains("b.toml"));

  write_file(dir.path() / "self.toml", "[scenario]\nextends = \"self\"\n");
  CHECK_THAT(error_of_file(dir.str("self.toml")), Contains("extends forms a cycle"));
}

TEST_CASE("extends of an unknown scenario suggests the nearest name", "[scenario]") {
  const std::string message = error_of("[scenario]\nextends = \"baselin\"\n");
  CHECK_THAT(message, Contains("test.toml:2:"));
  CHECK_THAT(message,
             Contains("no scenario file or built-in scenario named 'baselin'; did you mean 'baseline'?"));
}

TEST_CASE("The set option with an unknown key names the option and the nearest key", "[scenario]") {
  const std::string message = error_of("", {"manager.contrl=0.5"});
  CHECK_THAT(message, Contains("--set manager.contrl=0.5"));
  CHECK_THAT(message, Contains("unknown key 'contrl' in manager"));
  CHECK_THAT(message, Contains("did you mean 'control'"));

  CHECK_THAT(error_of("", {"manager.control"}), Contains("--set manager.control: expected KEY=VALUE"));
  CHECK_THAT(error_of("", {"manager.control=2"}),
             Contains("manager.control: expected a number in [0, 1], found 2"));
}

TEST_CASE("The set option overrides the file and takes bare words as strings", "[scenario]") {
  const Model model =
      load("[manager]\ncontrol = 0.1\n", {"manager.control=0.3", "manager.policy=push", "team.size=5"});
  CHECK(model.initial_params.manager.control == 0.3);
  CHECK(model.initial_params.manager.policy == Policy::push);
  CHECK(model.team.size == 5);
}

TEST_CASE("extends inherits the base and the child overrides it", "[scenario]") {
  const Model base = load_scenario("baseline", options());
  const Model child =
      load("[scenario]\nname = \"child\"\nextends = \"baseline\"\n[manager]\ncontrol = 0.1\n");
  CHECK(child.name == "child");
  CHECK(child.team.size == base.team.size);
  CHECK(child.steps == base.steps);
  CHECK(child.initial_params.manager.control == 0.1);
  CHECK(child.initial_params.manager.recognition == base.initial_params.manager.recognition);

  // Events append along the chain.
  TempDir dir;
  write_file(dir.path() / "parent.toml",
             "[scenario]\nname = \"p\"\n[[events]]\nat = 1\ntype = \"hire\"\ncount = 1\n");
  write_file(
      dir.path() / "kid.toml",
      "[scenario]\nname = \"k\"\nextends = \"parent\"\n[[events]]\nat = 2\ntype = \"hire\"\ncount = 1\n");
  const Model kid = load_scenario(dir.str("kid.toml"), options());
  CHECK(kid.name == "k");
  REQUIRE(kid.events.size() == 2);
  CHECK(kid.events[0].at == 1);
  CHECK(kid.events[1].at == 2);
}

TEST_CASE("Scenario text handles extends as a file does", "[scenario]") {
  // load_document (files) drops the parent's name and description; load_scenario_text has its own copy of
  // the extends logic that keeps them, so the same child text gets a different name depending on how it is
  // loaded.
  TempDir dir;
  const std::string text = "[scenario]\nextends = \"baseline\"\n";
  write_file(dir.path() / "child.toml", text);
  const Model from_file = load_scenario(dir.str("child.toml"), options());
  const Model from_text = load(text);
  CHECK(from_file.name != "baseline");
  CHECK(from_text.name == from_file.name);
  CHECK(from_text.description == from_file.description);
  // The same copy of the extends logic does not check the type of `extends` either.
  write_file(dir.path() / "number.toml", "[scenario]\nextends = 3\n");
  const std::string expected = "scenario.extends: expected a scenario name or path (a string), found 3";
  CHECK_THAT(error_of_file(dir.str("number.toml")), Contains(expected));
  CHECK_THAT(error_of("[scenario]\nextends = 3\n"), Contains(expected));
}

TEST_CASE("to_toml writes a scenario that loads back to the same model", "[scenario]") {
  const Model model = load(R"(
[scenario]
name = "round-trip"
description = "every kind of value"
steps = 50
seed = 99
[team]
size = 3
dims = 4
[team.traits]
persuasiveness = { dist = "normal", mean = 0.5, sd = 0.2 }
[team.initial]
anchor = { dist = "uniform", lo = 0.2, hi = 0.4 }
[team.agents]
stance = [0.1, 0.2, 0.3]
trust = [[1.0, 0.5, 0.5, 0.4], [0.5, 1.0, 0.5, 0.4], [0.5, 0.5, 1.0, 0.4]]
beliefs = [[1, 0, -1, 1], [0, 0, 0, 0], [-1, -1, -1, -1]]
code = [1, 0, 0, -1]
reality = [1, -1, 1, -1]
[manager]
policy = "lead"
control = 0.125
[[events]]
at = 10
type = "set"
key = "learning.couplings"
value = false
[[events]]
at = 3
type = "layoff"
share = 0.34
select = "lowest"
[[events]]
at = 5
type = "promote"
vision = 0.3
[[events]]
at = 6
type = "dissent"
agent = 1
)");
  const std::string text = to_toml(model);
  const Model back = load_scenario_text(text, "shown.toml", options());
  CHECK(to_toml(back) == text);
  CHECK(back.name == "round-trip");
  CHECK(back.seed == 99);
  CHECK(back.steps == 50);
  for (const auto& spec : param_specs()) {
    INFO(spec.key);
    CHECK(spec.get(back.initial_params) == spec.get(model.initial_params));
  }
  REQUIRE(back.team.trust.has_value());
  CHECK(*back.team.trust == *model.team.trust);
  CHECK(back.team.beliefs == model.team.beliefs);
  CHECK(back.team.code == model.team.code);
  CHECK(back.team.reality == model.team.reality);
  REQUIRE(back.events.size() == 4);
  for (std::size_t k = 0; k < 4; ++k) {
    CHECK(back.events[k].at == model.events[k].at);
    CHECK(back.events[k].type == model.events[k].type);
    CHECK(back.events[k].agent == model.events[k].agent);
  }
  // The trust file's last column is trust in the manager.
  const auto& manager = model.team.explicit_values[static_cast<std::size_t>(AgentField::trust_manager)];
  REQUIRE(manager.has_value());
  CHECK((*manager)[2] == 0.4);
}

TEST_CASE("Every built-in scenario loads", "[scenario]") {
  const auto scenarios = list_scenarios({TEAMSIM_TEST_SCENARIOS});
  bool baseline = false;
  for (const auto& info : scenarios) {
    INFO(info.path);
    baseline = baseline || info.name == "baseline";
    CHECK_NOTHROW(load_scenario(info.path, options()));
  }
  CHECK(baseline);
}

TEST_CASE("An unknown scenario name suggests the nearest", "[scenario]") {
  try {
    resolve_scenario("baselne", {TEAMSIM_TEST_SCENARIOS});
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(),
               Contains("no scenario file or built-in scenario named 'baselne'; did you mean 'baseline'?"));
  }
  CHECK_THROWS_WITH(resolve_scenario("missing/file.toml", {}), Contains("missing/file.toml: no such file"));
}

TEST_CASE("A set option that breaks a rule between parameters is named, with a readable sum", "[scenario]") {
  // The baseline's budget is 0.25 + 0.1 + 0.25 + 0.2 + 0.2; with control 0.8 the double sum
  // is 1.5499999999999998.
  const std::string message = error_of_file_with("baseline", {"manager.control=0.8"});
  CHECK(message ==
        "--set manager.control=0.8: manager: control + structure + recognition + mentoring + vision is an "
        "attention budget of at most 1, found 1.55");
  CHECK(error_of("", {"manager.control=2"}) ==
        "--set manager.control=2: manager.control: expected a number in [0, 1], found 2");
  // Without a --set the rule is reported at the file's table.
  CHECK_THAT(error_of("[manager]\ncontrol = 0.9\n"), Contains("test.toml:1:1: manager: control"));
  CHECK(format_readable(0.9 + 0.25 + 0.2 + 0.2) == "1.55");
  CHECK(format_readable(1e-20) == "1e-20");
  CHECK(format_readable(0.1 + 0.2) == "0.3");
}

TEST_CASE("to_toml writes keys in the registry's order and numbers in their shortest form", "[scenario]") {
  const std::string text = to_toml(load_scenario("baseline", options()));
  // Sections: the scenario, the team, then the parameter sections in registry order, then no events.
  std::vector<std::string> expected_sections = {"[scenario]", "[team]", "[team.traits]", "[team.initial]"};
  std::vector<std::string> keys;  // every parameter key, in the order written
  std::string section;
  std::vector<std::string> sections;
  for (const auto& line : test::lines(text)) {
    if (line.starts_with("[")) {
      sections.push_back(line);
      section = line.substr(1, line.size() - 2);
    } else if (!line.empty() && section.find('.') == std::string::npos && section != "scenario" &&
               section != "team") {
      keys.push_back(section + "." + line.substr(0, line.find(' ')));
    }
    CHECK(line.find("0000000") == std::string::npos);
    CHECK(line.find("9999999") == std::string::npos);
  }
  for (const auto& spec : param_specs()) {
    const std::string s = "[" + std::string(spec.key.substr(0, spec.key.find('.'))) + "]";
    if (std::find(expected_sections.begin(), expected_sections.end(), s) == expected_sections.end())
      expected_sections.push_back(s);
  }
  CHECK(sections == expected_sections);
  std::vector<std::string> registry;
  for (const auto& spec : param_specs()) registry.emplace_back(spec.key);
  CHECK(keys == registry);
  CHECK_THAT(text, Contains("[scenario]\nname = \"baseline\"\ndescription = "));
  CHECK_THAT(text, Contains("[team]\nsize = 12\ndims = 30\n"));
  CHECK_THAT(text, Contains("stance = { dist = \"normal\", mean = 0.75, sd = 0.1 }"));
  // It loads back to the same text.
  CHECK(to_toml(load_scenario_text(text, "shown.toml", options())) == text);
}

// ---- Seeds: unsigned 64-bit everywhere, and a resolved scenario loads back to the same seed ----------

TEST_CASE("A scenario seed is unsigned 64-bit: an integer, or a string of digits beyond 2^63 - 1",
          "[scenario]") {
  CHECK(load("[scenario]\nseed = 123456789012345678\n").seed == 123456789012345678ULL);
  CHECK(load("[scenario]\nseed = \"18446744073709551615\"\n").seed == 18446744073709551615ULL);
  CHECK_THAT(
      error_of("[scenario]\nseed = -1\n"),
      Contains("test.toml:2:8: scenario.seed: expected an integer in [0, 9223372036854775807] or a string"));
  CHECK_THAT(error_of("[scenario]\nseed = \"18446744073709551616\"\n"), Contains("scenario.seed: expected"));
  CHECK_THAT(error_of("[scenario]\nseed = \"0x10\"\n"), Contains("scenario.seed: expected"));
  CHECK_THAT(error_of("[scenario]\nseed = \" 1\"\n"), Contains("scenario.seed: expected"));
  // --set takes a seed too large for a TOML integer as its digits.
  CHECK(load("", {"scenario.seed=18446744073709551615"}).seed == 18446744073709551615ULL);
}

TEST_CASE("Every seed survives to_toml, so a run's record resolves back to the same run", "[scenario]") {
  for (const std::uint64_t seed : {0ULL, 1ULL, 9223372036854775807ULL, 9223372036854775808ULL, ~0ULL}) {
    Model model = load("[scenario]\nsteps = 3\n");
    model.seed = seed;
    const Model back = load(to_toml(model));
    CHECK(back.seed == seed);
    CHECK(to_toml(back) == to_toml(model));
  }
}

TEST_CASE("parse_seed takes decimal digits in [0, 2^64 - 1] and nothing else", "[scenario]") {
  std::uint64_t seed = 7;
  CHECK(parse_seed("18446744073709551615", seed).empty());
  CHECK(seed == ~0ULL);
  CHECK(parse_seed("0", seed).empty());
  CHECK(seed == 0);
  for (const char* bad : {"-1", "", "+1", "1e3", "0x10", "18446744073709551616", " 1", "1 ", "1.0"}) {
    CHECK_FALSE(parse_seed(bad, seed).empty());
  }
}

TEST_CASE("A run record (run.json) gives back the resolved scenario and every", "[scenario]") {
  TempDir dir;
  Model model = load("[scenario]\nsteps = 3\n");
  model.seed = ~0ULL;
  nlohmann::json json;
  json["seed"] = model.seed;
  json["every"] = 2;
  json["resolved_scenario"] = to_toml(model);
  write_file(dir.str("run.json"), json.dump(2));
  const RunRecord record = read_run_record(dir.str("run.json"));
  CHECK(record.every == 2);
  CHECK(load_scenario_text(record.resolved_scenario, "run.json", options()).seed == ~0ULL);
  write_file(dir.str("bad.json"), "{\"seed\": 1}");
  CHECK_THROWS_WITH(read_run_record(dir.str("bad.json")), Contains("bad.json: not a run record"));
  write_file(dir.str("broken.json"), "{\"resolved_scenario\": ");
  CHECK_THROWS_WITH(read_run_record(dir.str("broken.json")), Contains("broken.json: not a run record"));
}

// ---- Input that toml++ 3.3.0 cannot parse safely (sim/toml_guard.cpp) ------------------------------

TEST_CASE("Non-ASCII outside strings and comments is refused before toml++ sees it", "[scenario][toml]") {
  // Upstream issues #190 and #295: toml++ 3.3.0 reaches __builtin_unreachable() on these.
  CHECK_THAT(error_of("[manager]\ncontrol = 1\xc3\xa9\n"),
             Contains("test.toml:2:12: a non-ASCII character outside a string or comment"));
  CHECK_THAT(error_of("\xc3\xa9 = 1\n"), Contains("test.toml:1:1: a non-ASCII character"));
  CHECK_THAT(error_of("[scenario]\nname = \"x\"\xc2\xa0\n"),
             Contains("test.toml:2:11: a non-ASCII character"));
  CHECK_THAT(error_of("[team.traits]\nstance = { dist = \"uniform\", lo = 0.2\xe2\x80\x8b, hi = 0.5 }\n"),
             Contains("test.toml:2:"));
  // Inside strings and comments non-ASCII is valid TOML and reaches the model.
  const Model ok = load(
      "# caf\xc3\xa9\n[scenario]\nname = \"\xc3\xa9quipe\"  # \xe2\x9c\x93\ndescription = "
      "'''\n\xc3\xa9\n'''\n");
  CHECK(ok.name == "\xc3\xa9quipe");
  CHECK(ok.description == "\xc3\xa9\n");
}

TEST_CASE("A table header that does not start with a key is refused (toml++ asserts on [:x])",
          "[scenario][toml]") {
  CHECK_THAT(error_of("[:x]\n"), Contains("test.toml:1:2: a table header must start with a key"));
  CHECK_THAT(error_of("[scenario]\nsteps = 3\n  [[ %x]]\n"), Contains("test.toml:3:"));
  CHECK_THAT(error_of("[\n"), Contains("test.toml:1:2: a table header must start with a key"));
  // Arrays of values may start a line: they are not headers.
  CHECK(load("[team]\nsize = 2\n[team.agents]\nstance = [\n0.1,\n0.2]\n").team.size == 2);
}

TEST_CASE("A backslash before non-ASCII in a basic string is refused", "[scenario][toml]") {
  CHECK_THAT(error_of("[scenario]\nname = \"a\\\xc3\xa9\"\n"),
             Contains("test.toml:2:11: a backslash followed by"));
  CHECK_THAT(error_of("[scenario]\ndescription = \"\"\"a \\\n   \xc3\xa9\"\"\"\n"),
             Contains("test.toml:3:4: a non-ASCII character right after a line-ending backslash"));
  CHECK(load("[scenario]\ndescription = \"\"\"a \\\n   b\xc3\xa9\"\"\"\n").description == "a b\xc3\xa9");
}

TEST_CASE("A --set value with non-ASCII is taken as a string and a bad key is refused", "[scenario][toml]") {
  CHECK(load("", {"scenario.name=caf\xc3\xa9"}).name == "caf\xc3\xa9");
  CHECK_THROWS_AS(load("", {"[:x]=1"}), InputError);
}

TEST_CASE("A quote inside a bare value does not hide non-ASCII from the guard (fuzz finding 1)",
          "[scenario][toml]") {
  // libFuzzer (scenario_fuzz): toml++ reads `1[x"é` as one bare value and tests each character.
  CHECK_THAT(error_of("a = 1[x\"\xc3\xa9\n"),
             Contains("test.toml:1:9: a non-ASCII character outside a string"));
  CHECK_THAT(error_of("a = 1\"\xc3\xa9\"\n"), Contains("test.toml:1:7: a non-ASCII character"));
  CHECK_THROWS_AS(load("", {"tm.size9844674407a = 1[scenari\"\xc3\xa9\xc3\xa9", "q551161ui5]pe\""}),
                  InputError);
  // Strings that open after '=', '[', '{', ',' or '.' still hold non-ASCII.
  CHECK(load("[scenario]\nname = \"\xc3\xa9\"\n").name == "\xc3\xa9");
  CHECK(load("[team.agents]\n\"stance\" = [0.5]\n[team]\nsize = 1\n").team.size == 1);
}

TEST_CASE("An array element that starts with '}' is refused (fuzz finding 2: toml++ asserts)",
          "[scenario][toml]") {
  CHECK_THAT(error_of("[team.agents]\nreality = [}1, -1]\n"),
             Contains("test.toml:2:12: expected a value, found '}'"));
  CHECK_THAT(error_of("a = [1, }]\n"), Contains("test.toml:1:9: expected a value"));
  CHECK_THAT(error_of("a = [\n  # c\n  }]\n"), Contains("test.toml:3:3: expected a value"));
}

TEST_CASE("Quotes and '=' inside a bare value do not open a string (fuzz finding 3)", "[scenario][toml]") {
  // toml++ reads `5c.x="""é` up to a value terminator as one bare value.
  CHECK_THAT(error_of("t = 5c.x=\"\"\"\xc3\xa9\"\"\"\n"), Contains("test.toml:1:13: a non-ASCII character"));
  CHECK_THROWS_AS(load("", {"tm.size=5cen44.sead=\"\"\"sW=caf\xc3\xa9"}), InputError);
  // Inline tables, arrays over lines, trailing commas and date-times are still read.
  CHECK(load("[team.initial]\nstance = { dist = \"uniform\", lo = 0.2, hi = 0.5 }\n").team.dist[5].b == 0.5);
  CHECK(load("[team]\nsize = 2\n[team.agents]\nstance = [ # c\n  0.1,\n  0.2,\n]\n").team.size == 2);
  CHECK_THAT(error_of("[scenario]\nname = 1979-05-27 07:32:00\n"),
             Contains("scenario.name: expected a string"));
}
