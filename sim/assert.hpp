#pragma once
// TEAMSIM_ASSERT(cond, message): a check of an engine invariant that stays on in the builds we test and
// debug with (Debug, RelWithDebInfo: the dev and ci presets) and is compiled out only in Release, as
// Box2D and MuJoCo keep theirs. A failure prints file:line, the condition and the message and aborts:
// a broken invariant is a bug in teamsim, never bad input (bad input is an InputError at the boundary).
// `message` is evaluated only when the check fails, so it may build a string.
#include <cstdio>
#include <cstdlib>
#include <string>

namespace teamsim::detail {

[[noreturn]] inline void assert_failed(const char* file, int line, const char* condition,
                                       const std::string& message) {
  std::fprintf(stderr, "%s:%d: teamsim internal error: assertion '%s' failed: %s\n", file, line, condition,
               message.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace teamsim::detail

#ifdef TEAMSIM_DISABLE_ASSERT
// The condition stays an unevaluated operand, so what only a check uses is not "unused" in Release.
#define TEAMSIM_ASSERT(cond, message) static_cast<void>(sizeof(static_cast<bool>(cond)))
#else
#define TEAMSIM_ASSERT(cond, message) \
  ((cond) ? static_cast<void>(0) : ::teamsim::detail::assert_failed(__FILE__, __LINE__, #cond, (message)))
#endif
