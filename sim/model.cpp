#include "model.hpp"

#include <cassert>

namespace teamsim {
namespace {

using K = Distribution::Kind;
const std::array<AgentFieldInfo, kAgentFieldCount> kFields = {{
    {"persuasiveness", "traits", 0, 1, {K::uniform, 0.2, 0.9}},
    {"agreeability", "traits", 0, 1, {K::uniform, 0.3, 0.9}},
    {"learning_speed", "traits", 0, 2, {K::uniform, 0.5, 1.5}},
    {"self_weight", "traits", 0, 10, {K::constant, 1.0, 0}},
    {"susceptibility", "traits", 0, 1, {K::uniform, 0.5, 0.9}},
    {"stance", "initial", 0, 1, {K::normal, 0.75, 0.1}},
    {"anchor", "initial", 0, 1, {K::normal, 0.75, 0.1}},
    {"trust_peer", "initial", 0, 1, {K::uniform, 0.5, 0.7}},
    {"trust_manager", "initial", 0, 1, {K::uniform, 0.5, 0.7}},
    {"engagement", "initial", 0, 1, {K::uniform, 0.5, 0.7}},
    {"strain", "initial", 0, 1, {K::uniform, 0.2, 0.4}},
    {"autonomy", "initial", 0, 1, {K::uniform, 0.5, 0.7}},
    {"psych_safety", "initial", 0, 1, {K::constant, 0.5, 0}},
    {"integrity", "traits", 0, 1, {K::uniform, 0.4, 1.0}},
    {"lmx", "initial", 0, 1, {K::constant, 0.5, 0}},
}};

}  // namespace

const AgentFieldInfo& agent_field_info(AgentField f) {
  return kFields[static_cast<std::size_t>(f)];
}

TeamSpec::TeamSpec() {
  for (std::size_t i = 0; i < kAgentFieldCount; ++i) dist[i] = kFields[i].fallback;
}

}  // namespace teamsim
