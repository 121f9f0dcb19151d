#pragma once
// Memory is estimated before it is allocated: on the complete network the state of a run grows as n^2 (the
// trust and influence matrices, docs/MODEL.md 7.5, 7.11; a sparse network keeps both to the ties), so a
// team.size inside the documented range can need more memory than the machine has. Such a scenario is
// refused up front (exit 2, with the estimate) instead of ending in std::bad_alloc or the OOM killer.
#include <cstdint>
#include <string>

#include "model.hpp"

namespace teamsim {

/// Bytes the state of one run of `model` allocates (make_state and the stages' per-step temporaries).
double state_bytes(const Model& model);

/// The memory this process may use: the smallest of physical memory, the cgroup limit (v2 or v1) and
/// RLIMIT_AS. `source` says which one it is.
std::uint64_t memory_limit(std::string* source = nullptr);

/// Throws InputError when `copies` states of `model` (one per thread) would not fit in memory_limit().
/// `hint` is added to the message (e.g. how to need less).
void check_fits_in_memory(const Model& model, int copies, const std::string& hint = "");

/// "1.5 GB", "830 MB": a byte count for a message.
std::string bytes_text(double bytes);

}  // namespace teamsim
