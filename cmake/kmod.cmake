# SPDX-License-Identifier: GPL-2.0
#
# Out-of-tree kernel modules, built by Kbuild once per target kernel into
# ${CMAKE_BINARY_DIR}/kmod/<kernel>/<name>/ (scripts/vm-run loads them from
# there).

foreach(k IN LISTS KTLSCTL_KERNELS)
  string(REPLACE "." "_" kid ${k})
  list(GET KTLSCTL_KERNELS 0 default_kernel)
  if(k STREQUAL default_kernel AND KDIR)
    set(dir ${KDIR})
  else()
    execute_process(COMMAND ${CMAKE_SOURCE_DIR}/scripts/kernel kdir ${k}
                    OUTPUT_VARIABLE dir OUTPUT_STRIP_TRAILING_WHITESPACE
                    RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "No kernel headers for ${k}: ${err}Run scripts/setup.")
    endif()
  endif()
  set(KTLSCTL_KDIR_${kid} ${dir} CACHE PATH "Kernel build tree for ${k}")
  message(STATUS "Kernel ${k}: ${KTLSCTL_KDIR_${kid}}")
endforeach()

add_custom_target(modules ALL)

# ktlsctl_add_kmod(NAME SRCDIR KO [USES OTHER [EXTRA_DEPENDS FILE...]]):
# build SRCDIR (a Kbuild directory) into kmod/<kernel>/NAME/KO.ko for every
# target kernel; USES names a module added before whose exported symbols
# this one links against.
function(ktlsctl_add_kmod name srcdir ko)
  cmake_parse_arguments(arg "" "USES" "EXTRA_DEPENDS" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS
       ${srcdir}/*.c ${srcdir}/*.h ${srcdir}/Kbuild)
  if(KTLSCTL_WERROR)
    set(werror 1)
  else()
    set(werror 0)
  endif()
  foreach(k IN LISTS KTLSCTL_KERNELS)
    string(REPLACE "." "_" kid ${k})
    set(out ${CMAKE_BINARY_DIR}/kmod/${k}/${name})
    set(dep "")
    set(depfiles "")
    if(arg_USES)
      set(dep ${CMAKE_BINARY_DIR}/kmod/${k}/${arg_USES})
      get_property(depko GLOBAL PROPERTY ktlsctl_kmod_${arg_USES}_${kid})
      set(depfiles ${depko})
    endif()
    set_property(GLOBAL PROPERTY ktlsctl_kmod_${name}_${kid} ${out}/${ko}.ko)
    add_custom_command(
      OUTPUT ${out}/${ko}.ko
      COMMAND ${CMAKE_SOURCE_DIR}/scripts/kmod-build
              ${KTLSCTL_KDIR_${kid}} ${srcdir} ${out} ${werror} ${dep}
      DEPENDS ${srcs} ${arg_EXTRA_DEPENDS} ${depfiles}
              ${CMAKE_SOURCE_DIR}/scripts/kmod-build
      COMMENT "Building ${ko}.ko for Linux ${k}"
      VERBATIM)
    add_custom_target(kmod-${name}-${kid} DEPENDS ${out}/${ko}.ko)
    # A file dependency across targets orders nothing in parallel builds:
    # without this, the user could link against the old Module.symvers.
    if(arg_USES)
      add_dependencies(kmod-${name}-${kid} kmod-${arg_USES}-${kid})
    endif()
    add_dependencies(modules kmod-${name}-${kid})
  endforeach()
endfunction()
