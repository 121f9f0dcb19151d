#include "param_registry.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "format.hpp"

namespace teamsim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::array<std::string_view, 3> kLmxStyleNames = {"even", "in_group", "developmental"};
static_assert(kLmxStyleNames.size() == static_cast<std::size_t>(LmxStyle::developmental) + 1,
              "an LmxStyle without a name");

template <auto Group, auto Field>
double get_field(const Params& p) {
  return static_cast<double>((p.*Group).*Field);
}

template <auto Group, auto Field>
void set_field(Params& p, double v) {
  using T = std::remove_reference_t<decltype((p.*Group).*Field)>;
  (p.*Group).*Field = static_cast<T>(v);
}

template <auto Group, auto Field>
constexpr ParamSpec real(std::string_view key, double lo, double hi, bool lo_open = false) {
  return {
      key, ParamType::real, lo, hi, lo_open, true, {}, &get_field<Group, Field>, &set_field<Group, Field>};
}
template <auto Group, auto Field>
constexpr ParamSpec integer(std::string_view key, double lo, double hi) {
  return {
      key, ParamType::integer, lo, hi, false, true, {}, &get_field<Group, Field>, &set_field<Group, Field>};
}
template <auto Group, auto Field>
constexpr ParamSpec boolean(std::string_view key) {
  return {key, ParamType::boolean, 0, 1, false, true, {}, &get_field<Group, Field>, &set_field<Group, Field>};
}

// A parameter that a `set` event may not change.
constexpr ParamSpec fixed(ParamSpec spec) {
  spec.runtime = false;
  return spec;
}

double get_policy(const Params& p) {
  return static_cast<double>(p.manager.policy);
}
void set_policy(Params& p, double v) {
  p.manager.policy = static_cast<Policy>(static_cast<int>(v));
}

double get_lmx_style(const Params& p) {
  return static_cast<double>(p.lmx.style);
}
void set_lmx_style(Params& p, double v) {
  p.lmx.style = static_cast<LmxStyle>(static_cast<int>(v));
}

using P = Params;
const std::array kSpecs = {
    real<&P::manager, &ManagerParams::control>("manager.control", 0, 1),
    real<&P::manager, &ManagerParams::structure>("manager.structure", 0, 1),
    real<&P::manager, &ManagerParams::recognition>("manager.recognition", 0, 1),
    real<&P::manager, &ManagerParams::mentoring>("manager.mentoring", 0, 1),
    real<&P::manager, &ManagerParams::vision>("manager.vision", 0, 1),
    real<&P::manager, &ManagerParams::openness>("manager.openness", 0, 1),
    real<&P::manager, &ManagerParams::authority>("manager.authority", 0, kInf),
    real<&P::manager, &ManagerParams::kpi_target>("manager.kpi_target", 0, 1),
    ParamSpec{"manager.policy", ParamType::choice, 0, 2, false, true, kPolicyNames, &get_policy, &set_policy},
    real<&P::manager, &ManagerParams::policy_rate>("manager.policy_rate", 0, 1),
    real<&P::environment, &EnvironmentParams::turbulence>("environment.turbulence", 0, 1),
    boolean<&P::work, &WorkParams::enabled>("work.enabled"),
    real<&P::work, &WorkParams::effort_floor>("work.effort_floor", 0, 1),
    real<&P::work, &WorkParams::stance_floor>("work.stance_floor", 0, 1),
    real<&P::work, &WorkParams::pressure_gain>("work.pressure_gain", 0, kInf),
    real<&P::work, &WorkParams::pressure_optimum>("work.pressure_optimum", 0, 1, true),
    real<&P::work, &WorkParams::collaboration_floor>("work.collaboration_floor", 0, 1),
    real<&P::work, &WorkParams::disruption>("work.disruption", 0, 1),
    real<&P::work, &WorkParams::strain_cost>("work.strain_cost", 0, 1),
    real<&P::work, &WorkParams::change_support>("work.change_support", 0, 1),
    boolean<&P::manage, &ManageParams::enabled>("manage.enabled"),
    real<&P::manage, &ManageParams::recognition_memory>("manage.recognition_memory", 0, 1, true),
    real<&P::manage, &ManageParams::morale_tolerance>("manage.morale_tolerance", 0, kInf),
    real<&P::manage, &ManageParams::kpi_margin>("manage.kpi_margin", 0, kInf),
    boolean<&P::trust, &TrustParams::enabled>("trust.enabled"),
    real<&P::trust, &TrustParams::rate>("trust.rate", 0, 1),
    real<&P::trust, &TrustParams::manager_rate>("trust.manager_rate", 0, 1),
    integer<&P::trust, &TrustParams::meetings>("trust.meetings", 0, 1000),
    fixed(real<&P::trust, &TrustParams::ability_weight>("trust.ability_weight", 0, 1)),
    fixed(real<&P::trust, &TrustParams::benevolence_weight>("trust.benevolence_weight", 0, 1)),
    fixed(real<&P::trust, &TrustParams::integrity_weight>("trust.integrity_weight", 0, 1)),
    real<&P::trust, &TrustParams::charisma>("trust.charisma", 0, 1),
    real<&P::trust, &TrustParams::micromanage_penalty>("trust.micromanage_penalty", 0, 2),
    real<&P::trust, &TrustParams::status_weight>("trust.status_weight", 0, 1),
    real<&P::trust, &TrustParams::inconsistency>("trust.inconsistency", 0, kInf),
    real<&P::trust, &TrustParams::own_ability>("trust.own_ability", 0, 1),
    boolean<&P::influence, &InfluenceParams::enabled>("influence.enabled"),
    real<&P::influence, &InfluenceParams::gamma>("influence.gamma", 0, 10, true),
    real<&P::influence, &InfluenceParams::confidence>("influence.confidence", 0, 1),
    real<&P::influence, &InfluenceParams::vision_boost>("influence.vision_boost", 0, kInf),
    real<&P::influence, &InfluenceParams::manager_self_weight>("influence.manager_self_weight", 0, 1),
    boolean<&P::learning, &LearningParams::enabled>("learning.enabled"),
    real<&P::learning, &LearningParams::p1>("learning.p1", 0, 1),
    real<&P::learning, &LearningParams::p2>("learning.p2", 0, 1),
    boolean<&P::learning, &LearningParams::couplings>("learning.couplings"),
    real<&P::learning, &LearningParams::control_boost>("learning.control_boost", 0, kInf),
    real<&P::learning, &LearningParams::mentoring_boost>("learning.mentoring_boost", 0, kInf),
    real<&P::learning, &LearningParams::openness_boost>("learning.openness_boost", 0, kInf),
    real<&P::learning, &LearningParams::experience>("learning.experience", 0, 1),
    boolean<&P::wellbeing, &WellbeingParams::enabled>("wellbeing.enabled"),
    real<&P::wellbeing, &WellbeingParams::rate>("wellbeing.rate", 0, 1),
    real<&P::wellbeing, &WellbeingParams::autonomy_rate>("wellbeing.autonomy_rate", 0, 1),
    real<&P::wellbeing, &WellbeingParams::contagion>("wellbeing.contagion", 0, 1),
    real<&P::wellbeing, &WellbeingParams::strain_slope>("wellbeing.strain_slope", 0, 100, true),
    real<&P::wellbeing, &WellbeingParams::engagement_slope>("wellbeing.engagement_slope", 0, 100, true),
    real<&P::wellbeing, &WellbeingParams::strain_threshold>("wellbeing.strain_threshold", -5, 5),
    real<&P::wellbeing, &WellbeingParams::engagement_threshold>("wellbeing.engagement_threshold", -5, 5),
    real<&P::wellbeing, &WellbeingParams::buffer>("wellbeing.buffer", 0, kInf),
    real<&P::wellbeing, &WellbeingParams::drain>("wellbeing.drain", 0, kInf),
    real<&P::wellbeing, &WellbeingParams::meaning>("wellbeing.meaning", 0, kInf),
    real<&P::wellbeing, &WellbeingParams::change_demand>("wellbeing.change_demand", 0, kInf),
    real<&P::wellbeing, &WellbeingParams::vacancy_demand>("wellbeing.vacancy_demand", 0, kInf),
    real<&P::wellbeing, &WellbeingParams::ambiguity_demand>("wellbeing.ambiguity_demand", 0, kInf),
    real<&P::wellbeing, &WellbeingParams::structure_need>("wellbeing.structure_need", 0, 1, true),
    real<&P::wellbeing, &WellbeingParams::vision_clarity>("wellbeing.vision_clarity", 0, 1),
    real<&P::wellbeing, &WellbeingParams::rescope_rate>("wellbeing.rescope_rate", 0, 1),
    boolean<&P::turnover, &TurnoverParams::enabled>("turnover.enabled"),
    real<&P::turnover, &TurnoverParams::base_hazard>("turnover.base_hazard", 0, 1),
    real<&P::turnover, &TurnoverParams::hazard_slope>("turnover.hazard_slope", 0, 100),
    real<&P::turnover, &TurnoverParams::morale_reference>("turnover.morale_reference", 0, 1),
    real<&P::turnover, &TurnoverParams::max_ratio>("turnover.max_ratio", 1, kInf),
    integer<&P::turnover, &TurnoverParams::hiring_delay>("turnover.hiring_delay", 1, 10000),
    boolean<&P::leaders, &LeaderParams::enabled>("leaders.enabled"),
    real<&P::leaders, &LeaderParams::damping>("leaders.damping", 0, 1, true),
    real<&P::leaders, &LeaderParams::threshold>("leaders.threshold", 1, kInf),
    boolean<&P::lmx, &LmxParams::enabled>("lmx.enabled"),
    ParamSpec{"lmx.style", ParamType::choice, 0, 2, false, true, kLmxStyleNames, &get_lmx_style,
              &set_lmx_style},
    real<&P::lmx, &LmxParams::focus>("lmx.focus", 0, 1),
    real<&P::lmx, &LmxParams::favour>("lmx.favour", 0, 1),
    real<&P::lmx, &LmxParams::rate>("lmx.rate", 0, 1),
    real<&P::lmx, &LmxParams::base>("lmx.base", 0, 1),
    real<&P::lmx, &LmxParams::gain>("lmx.gain", 0, kInf),
    real<&P::lmx, &LmxParams::trust_weight>("lmx.trust_weight", 0, kInf),
    real<&P::lmx, &LmxParams::voice_weight>("lmx.voice_weight", 0, kInf),
    real<&P::lmx, &LmxParams::fairness_cost>("lmx.fairness_cost", 0, kInf),
    real<&P::lmx, &LmxParams::fairness_climate>("lmx.fairness_climate", 0, 1),
    real<&P::lmx, &LmxParams::divide>("lmx.divide", 0, 1),
};

}  // namespace

bool ParamSpec::allows(double v) const {
  if (!std::isfinite(v)) return false;
  if (v < lo || v > hi || (lo_open && v == lo)) return false;
  if (type != ParamType::real && v != std::floor(v)) return false;
  return true;
}

std::string ParamSpec::describe() const {
  switch (type) {
    case ParamType::boolean:
      return "true or false";
    case ParamType::choice: {
      std::string s = "one of";
      for (std::size_t i = 0; i < choices.size(); ++i) s += (i ? ", " : " ") + std::string(choices[i]);
      return s;
    }
    case ParamType::integer:
      return "an integer in [" + format_number(lo) + ", " + format_number(hi) + "]";
    case ParamType::real:
      break;
  }
  const std::string upper = std::isinf(hi) ? "inf)" : format_number(hi) + "]";
  return std::string("a number in ") + (lo_open ? "(" : "[") + format_number(lo) + ", " + upper;
}

std::span<const ParamSpec> param_specs() {
  return kSpecs;
}

const ParamSpec* find_param(std::string_view key) {
  const auto it =
      std::find_if(kSpecs.begin(), kSpecs.end(), [&](const ParamSpec& s) { return s.key == key; });
  return it == kSpecs.end() ? nullptr : &*it;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string nearest(std::string_view key, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, key.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(key, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

const std::vector<std::string>& param_sections() {
  static const std::vector<std::string> sections = [] {
    std::vector<std::string> names;
    for (const auto& spec : param_specs()) {
      const std::string section(spec.key.substr(0, spec.key.find('.')));
      if (std::find(names.begin(), names.end(), section) == names.end()) names.push_back(section);
    }
    return names;
  }();
  return sections;
}

const std::vector<std::string>& submodel_sections() {
  static const std::vector<std::string> sections = [] {
    std::vector<std::string> names;
    for (const auto& section : param_sections()) {
      if (find_param(section + ".enabled")) names.push_back(section);
    }
    return names;
  }();
  return sections;
}

}  // namespace teamsim
