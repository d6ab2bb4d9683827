# seatcast_module(NAME DIR [DEPS targets...])
# A module is one folder of the library: its .cpp files form a static library
# `seatcast_<NAME>` that exposes the repository root as include path, so headers
# are included as "engine/rules/threshold.h" or "models/dirichlet.h".
function(seatcast_module name dir)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${dir}/*.cpp)
  if(sources)
    add_library(seatcast_${name} STATIC ${sources})
    target_include_directories(seatcast_${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(seatcast_${name} PUBLIC ${ARG_DEPS})
  else()
    add_library(seatcast_${name} INTERFACE)
    target_include_directories(seatcast_${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(seatcast_${name} INTERFACE ${ARG_DEPS})
  endif()
  add_library(seatcast::${name} ALIAS seatcast_${name})
endfunction()

# seatcast_test(NAME DIR [LABEL label] DEPS targets...)
# One GoogleTest executable per test folder; each test case is its own ctest entry
# (with the ctest label, when given, so a pass can select or skip them with -L/-LE).
function(seatcast_test name dir)
  cmake_parse_arguments(ARG "" "LABEL" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${dir}/*.cpp)
  if(NOT sources)
    return()
  endif()
  add_executable(test_${name} ${sources})
  target_link_libraries(test_${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(test_${name} PRIVATE
    SEATCAST_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    SEATCAST_BINARY_DIR="${PROJECT_BINARY_DIR}")
  set(props TIMEOUT 600)
  if(ARG_LABEL)
    list(APPEND props LABELS ${ARG_LABEL})
  endif()
  gtest_discover_tests(test_${name} TEST_PREFIX "${name}." DISCOVERY_TIMEOUT 60
    PROPERTIES ${props})
endfunction()

# seatcast_bench(NAME SOURCES... DEPS targets...)
# A Google Benchmark executable `bench_<NAME>`.
function(seatcast_bench name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(bench_${name} ${ARG_SOURCES})
  target_link_libraries(bench_${name} PRIVATE ${ARG_DEPS} benchmark::benchmark benchmark::benchmark_main)
  target_compile_definitions(bench_${name} PRIVATE SEATCAST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endfunction()
