# Run at every build (not only at configure time), so that a result file names the commit its
# executable was built from. Replaces version.hpp only when the text changes, which keeps builds
# incremental. Inputs: SOURCE_DIR, TEMPLATE, OUTPUT, PROJECT_VERSION.
execute_process(COMMAND git rev-parse HEAD
  WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE WIJKSIM_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
execute_process(COMMAND git status --porcelain --untracked-files=no
  WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE WIJKSIM_GIT_DIRTY OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT WIJKSIM_GIT_COMMIT)
  set(WIJKSIM_GIT_COMMIT "unknown")
elseif(WIJKSIM_GIT_DIRTY)
  set(WIJKSIM_GIT_COMMIT "${WIJKSIM_GIT_COMMIT}-dirty")
endif()
# Several build steps may run this at once: each writes its own file and renames it into place.
string(RANDOM LENGTH 12 suffix)
configure_file(${TEMPLATE} ${OUTPUT}.${suffix} @ONLY)
file(READ ${OUTPUT}.${suffix} stamped)
set(current "")
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} current)
endif()
if(stamped STREQUAL current)
  file(REMOVE ${OUTPUT}.${suffix})
else()
  file(RENAME ${OUTPUT}.${suffix} ${OUTPUT})
endif()
