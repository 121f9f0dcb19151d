# Writes generated/teamsim/version.hpp from sim/version.hpp.in with the current git revision (run at
# build time by the teamsim_version target; configure_file leaves the file alone when nothing changed).
execute_process(COMMAND git rev-parse --short=12 HEAD WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE TEAMSIM_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT TEAMSIM_GIT_REVISION)
  set(TEAMSIM_GIT_REVISION "unknown")
endif()
configure_file(${SOURCE_DIR}/sim/version.hpp.in ${BINARY_DIR}/generated/teamsim/version.hpp @ONLY)
