# Replaces the line {{SYNOPSIS}} of SRC by the synopsis TOOL prints for its
# commands in LANG, writing OUT (see CMakeLists.txt).
file(READ ${SRC} text)
if(text MATCHES "{{SYNOPSIS}}")
  if(NOT TOOL)
    message(FATAL_ERROR "${SRC}: {{SYNOPSIS}} but no tool to ask")
  endif()
  execute_process(COMMAND ${TOOL} __synopsis --lang ${LANG}
                  OUTPUT_VARIABLE synopsis RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${TOOL} __synopsis failed")
  endif()
  string(STRIP "${synopsis}" synopsis)
  string(REPLACE "{{SYNOPSIS}}" "${synopsis}" text "${text}")
endif()
file(WRITE ${OUT} "${text}")
