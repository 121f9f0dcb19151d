# `cmake --install`: the library as a CMake package (README "C++ library", docs/API.md). Installs
#   include/teamsim/*.hpp              the library's headers, `#include <teamsim/scenario.hpp>`
#   lib/libteamsim_sim.a               the library
#   lib/cmake/teamsim/                 teamsimConfig.cmake, its version file and the exported target teamsim::sim
#   share/teamsim/scenarios/           the built-in scenarios (installed by sim/CMakeLists.txt)
# so that a downstream project does find_package(teamsim) and target_link_libraries(app teamsim::sim).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TEAMSIM_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/teamsim CACHE STRING
    "Where cmake --install puts teamsimConfig.cmake (relative to the prefix)")

file(GLOB TEAMSIM_PUBLIC_HEADERS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sim/*.hpp)
install(FILES ${TEAMSIM_PUBLIC_HEADERS} ${PROJECT_BINARY_DIR}/generated/teamsim/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/teamsim COMPONENT dev)

set_target_properties(teamsim_sim PROPERTIES EXPORT_NAME sim)
target_include_directories(teamsim_sim INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
install(TARGETS teamsim_sim EXPORT teamsimTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
install(EXPORT teamsimTargets NAMESPACE teamsim:: DESTINATION ${TEAMSIM_INSTALL_CMAKEDIR} COMPONENT dev)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/teamsimConfig.cmake.in
  ${PROJECT_BINARY_DIR}/teamsimConfig.cmake INSTALL_DESTINATION ${TEAMSIM_INSTALL_CMAKEDIR}
  PATH_VARS CMAKE_INSTALL_DATADIR)
# 0.x: a minor version may change the API, so only the same minor version is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/teamsimConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/teamsimConfig.cmake ${PROJECT_BINARY_DIR}/teamsimConfigVersion.cmake
        DESTINATION ${TEAMSIM_INSTALL_CMAKEDIR} COMPONENT dev)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/teamsim)
