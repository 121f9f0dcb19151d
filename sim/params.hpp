#pragma once
// Scalar parameters of the model, grouped by submodel, with in-class defaults and units. Every field here
// is reachable from a scenario file, `--set` and `set` events through the registry in param_registry.hpp.
// The equations they enter are in docs/MODEL.md; section numbers are given per group.

namespace teamsim {

/// How the manager adapts the style over time (docs/MODEL.md 7.3).
enum class Policy { steady, push, lead };

/// The manager seat's style. control + structure + recognition + mentoring + vision is an attention
/// budget <= 1.
struct ManagerParams {
  double control = 0.25;      // monitoring and pressure, [0, 1]
  double structure = 0.10;    // planning and clear expectations (initiating structure), [0, 1]
  double recognition = 0.20;  // share of attention on recognizing good work, [0, 1]
  double mentoring = 0.20;    // share of attention on mentoring, [0, 1]
  double vision = 0.20;       // share of attention on sharing the direction, [0, 1]
  double openness = 0.50;     // openness to ideas from the team (outside the budget), [0, 1]
  double authority = 2.0;     // weight of the formal role in influence, >= 0
  double kpi_target = 0.45;   // team productivity the manager aims at, [0, 1]
  Policy policy = Policy::steady;
  double policy_rate = 0.01;  // style change per step when the policy reacts, [0, 1]
};

struct EnvironmentParams {
  double turbulence = 0.0;  // probability per step that a dimension of reality flips, [0, 1]
};

struct WorkParams {  // docs/MODEL.md 7.2
  bool enabled = true;
  double effort_floor = 0.5;         // effort at zero engagement, [0, 1]
  double stance_floor = 0.6;         // effort factor of a fully opposed employee, [0, 1]
  double pressure_gain = 0.3;        // height of the Yerkes–Dodson bump, >= 0
  double pressure_optimum = 0.6;     // control at which pressure helps most, (0, 1]
  double collaboration_floor = 0.6;  // collaboration factor with zero peer trust, [0, 1]
  double disruption = 0.5;           // productivity lost per unit of felt change load, [0, 1]
  double strain_cost = 0.3;          // effort lost per unit of strain, [0, 1]
  double change_support = 0.6;       // share of change load that vision and openness take off, [0, 1]
};

struct ManageParams {  // docs/MODEL.md 7.3
  bool enabled = true;
  double recognition_memory = 0.1;  // weight of this step's recognition in the remembered one, (0, 1]
  double morale_tolerance = 0.002;  // weekly morale drop ignored by the lead policy, >= 0
  double kpi_margin = 0.05;         // push relaxes once productivity is this far above target, >= 0
};

struct TrustParams {  // docs/MODEL.md 7.4
  bool enabled = true;
  double rate = 0.1;            // peer trust learning rate eta_T, [0, 1]
  double manager_rate = 0.03;   // trust-in-manager learning rate, [0, 1]
  int meetings = 3;             // teammates each employee meets per step, >= 0
  double ability_weight = 0.4;  // weights of the evidence (Mayer et al. 1995), each >= 0, sum 1
  double benevolence_weight = 0.3;
  double integrity_weight = 0.3;
  double charisma = 0.5;             // share of perceived ability that comes from persuasiveness, [0, 1]
  double micromanage_penalty = 0.5;  // benevolence lost per unit of control, [0, 2]
  double status_weight = 0.2;   // prestige: weight of a peer's standing (power rank) in the evidence, [0, 1]
  double inconsistency = 10.0;  // integrity lost per unit of style change in a week, >= 0
  double own_ability = 0.5;     // share of the manager's perceived ability from their own knowledge, [0, 1]
};

struct InfluenceParams {  // docs/MODEL.md 7.5
  bool enabled = true;
  double gamma = 3.0;                // trust-to-weight exponent, (0, 10]
  double confidence = 1.0;           // bounded-confidence radius epsilon; 1 keeps everyone, [0, 1]
  double vision_boost = 1.0;         // extra authority weight per unit of vision, >= 0
  double manager_self_weight = 0.5;  // the manager's weight on itself in the power matrix, [0, 1]
};

struct LearningParams {  // docs/MODEL.md 7.6
  bool enabled = true;
  double p1 = 0.1;               // socialization rate, [0, 1]
  double p2 = 0.5;               // code learning rate, [0, 1]
  bool couplings = true;         // false: p1 and p2 act as in March (1991), unmodified
  double control_boost = 1.0;    // relative rise of p1 per unit of control, >= 0
  double mentoring_boost = 1.0;  // relative rise of p1 for a mentored employee, >= 0
  double openness_boost = 1.0;   // relative rise of p2 per unit of openness, >= 0
  double experience = 0.02;      // chance a week that a wrongly acted belief moves toward reality, [0, 1]
};

struct WellbeingParams {  // docs/MODEL.md 7.7
  bool enabled = true;
  double rate = 0.025;           // relaxation rate of strain, engagement, safety, per week, [0, 1]
  double autonomy_rate = 0.025;  // relaxation rate of autonomy toward 1 - control, per week, [0, 1]
  double contagion = 0.1;        // emotional contagion of engagement along W, [0, 1]
  double strain_slope = 6.0;     // logistic slopes, > 0
  double engagement_slope = 6.0;
  double strain_threshold = 0.2;       // demands at which strain is 1/2 with no resources
  double engagement_threshold = 0.35;  // resources at which engagement is 1/2 with no demands
  double buffer = 0.5;                 // how much resources buffer demands in strain, >= 0
  double drain = 0.3;                  // how much demands drain engagement, >= 0
  double meaning = 0.3;                // engagement resource per unit of vision, >= 0
  double change_demand = 1.0;          // demand per unit of change load, >= 0
  double vacancy_demand = 1.0;         // demand per share of empty seats, >= 0
  double ambiguity_demand = 0.5;       // demand of role ambiguity when there is no structure at all, >= 0
  double structure_need = 0.15;  // structure (plus vision's share) below which roles get unclear, (0, 1]
  double vision_clarity = 0.25;  // structure provided per unit of vision, [0, 1]
  double rescope_rate = 0.05;    // share of the load of closed seats the team re-scopes away a week, [0, 1]
};

struct TurnoverParams {  // docs/MODEL.md 7.8
  bool enabled = true;
  double base_hazard = 0.0025;     // quit probability per week at the reference morale, [0, 1]
  double hazard_slope = 4.0;       // log hazard ratio per unit of morale below the reference, >= 0
  double morale_reference = 0.75;  // morale at which the hazard is the base hazard, [0, 1]
  double max_ratio = 4.0;          // the hazard is at most this multiple of the base hazard, >= 1
  int hiring_delay = 8;            // weeks from a quit to the replacement's first week, >= 1
};

struct LeaderParams {  // docs/MODEL.md 7.9
  bool enabled = true;
  double damping = 0.85;   // weight of W in the power matrix (the rest is uniform), (0, 1]
  double threshold = 1.5;  // informal leader: power above threshold x the mean employee power, >= 1
};

/// How the manager spreads individual attention (docs/MODEL.md 7.12).
enum class LmxStyle { even, in_group, developmental };

struct LmxParams {  // docs/MODEL.md 7.12: leader–member exchange
  bool enabled = false;
  LmxStyle style = LmxStyle::even;
  double focus = 0.25;         // share of the team the style favours (in-group or the weakest), [0, 1]
  double favour = 0.5;         // share of the attention beyond an equal split that goes to them, [0, 1]
  double rate = 0.05;          // weekly relaxation of relationship quality toward its target, [0, 1]
  double base = 0.3;           // quality with no individual attention, [0, 1]
  double gain = 0.5;           // quality per unit of (recognition + mentoring) x attention, >= 0
  double trust_weight = 0.3;   // benevolence seen in the manager per unit of quality above 1/2, >= 0
  double voice_weight = 0.2;   // psychological safety (voice) per unit of quality above 1/2, >= 0
  double fairness_cost = 1.0;  // demand per unit of felt unfairness (below), >= 0
  // Felt unfairness mixes the team's differentiation (s.d. of quality: a climate everyone feels) with weight
  // fairness_climate and one's own shortfall below the team's mean quality (relative deprivation) with
  // the rest, [0, 1]; 1 is the climate alone.
  double fairness_climate = 0.5;
  double divide = 0.2;  // peer evidence lost per unit of quality difference between two peers, [0, 1]
};

/// All scalar parameters of a scenario.
struct Params {
  ManagerParams manager;
  EnvironmentParams environment;
  WorkParams work;
  ManageParams manage;
  TrustParams trust;
  InfluenceParams influence;
  LearningParams learning;
  WellbeingParams wellbeing;
  TurnoverParams turnover;
  LeaderParams leaders;
  LmxParams lmx;
};

}  // namespace teamsim
