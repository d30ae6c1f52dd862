# The Debian packages, made by CPack's DEB generator from the install rules'
# components (docs/packaging.md, "Debian packages"):
#   librasshost0       library   librasshost.so.0*
#   librasshost-dev    dev       headers, librasshost.so, CMake package, rasshost.pc
#   rasshost-tools     tools     rasshost-serve, -chat, -passwd, systemd units,
#                                man pages, bash completion, fail2ban files,
#                                /etc/rasshost/rasshost-serve.conf
#   rasshost-examples  examples  the example DLLs in <libdir>/rasshost/, their man pages,
#                                /etc/pam.d/rasshost
# A package build is configured for /usr with RASSHOST_DEBIAN_LAYOUT on and
# no install RPATH: the "deb" preset (cmake --preset deb && cmake --build
# --preset deb && cpack --preset deb).

option(RASSHOST_DEBIAN_LAYOUT
       "Install as Debian's packages must hold their files: compressed man pages, /usr/share/doc/<package>" OFF)

set(rasshost_deb_packages library librasshost0 dev librasshost-dev tools rasshost-tools examples rasshost-examples)
set(rasshost_deb_release 1)
set(rasshost_deb_version "${PROJECT_VERSION}-${rasshost_deb_release}")
set(rasshost_deb_maintainer "rasshost maintainers <maintainers@users.noreply.r-seed-abb39eb9.example>")

# /usr/share/doc/<package>/: copyright and changelog.Debian.gz, which every
# Debian package holds (Debian Policy 12.5, 12.7); the changelog says only
# which upstream version was packaged (CHANGELOG.md is upstream's).
function(rasshost_install_debian_docs)
  set(staged "${PROJECT_BINARY_DIR}/debian-docs")
  string(TIMESTAMP date "%a, %d %b %Y %H:%M:%S +0000" UTC)  # SOURCE_DATE_EPOCH if set
  file(WRITE "${staged}/changelog.Debian"
       "rasshost (${rasshost_deb_version}) unstable; urgency=medium\n\n"
       "  * Packaged with CPack from rasshost ${PROJECT_VERSION}; see CHANGELOG.md upstream.\n\n"
       " -- ${rasshost_deb_maintainer}  ${date}\n")
  execute_process(COMMAND gzip -9nf "${staged}/changelog.Debian" RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "gzip -9n ${staged}/changelog.Debian failed")
  endif()
  file(READ "${PROJECT_SOURCE_DIR}/LICENSE" license)
  file(WRITE "${staged}/copyright"
       "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
       "Upstream-Name: rasshost\n\n"
       "Files: *\nCopyright: 2026 The rasshost authors\nLicense: Expat\n\n"
       "License: Expat\n")
  string(REGEX REPLACE "^MIT License\n\nCopyright[^\n]*\n\n" "" license "${license}")
  string(REGEX REPLACE "\n\n" "\n.\n" license "${license}")
  string(REGEX REPLACE "\n$" "" license "${license}")
  string(REPLACE "\n" "\n " license " ${license}")
  file(APPEND "${staged}/copyright" "${license}\n")
  foreach(component package IN ZIP_LISTS rasshost_deb_components rasshost_deb_names)
    install(FILES "${staged}/copyright" "${staged}/changelog.Debian.gz"
            DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${package} COMPONENT ${component})
  endforeach()
endfunction()

set(rasshost_deb_components)
set(rasshost_deb_names)
list(LENGTH rasshost_deb_packages count)
math(EXPR last "${count} - 1")
foreach(i RANGE 0 ${last} 2)
  math(EXPR j "${i} + 1")
  list(GET rasshost_deb_packages ${i} component)
  list(GET rasshost_deb_packages ${j} package)
  list(APPEND rasshost_deb_components ${component})
  list(APPEND rasshost_deb_names ${package})
  string(TOUPPER ${component} upper)
  set(CPACK_DEBIAN_${upper}_PACKAGE_NAME ${package})
endforeach()

if(RASSHOST_DEBIAN_LAYOUT AND RASSHOST_INSTALL)
  rasshost_install_debian_docs()
  # Debian's directories are 0755 whatever this machine's umask.
  set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
      WORLD_READ WORLD_EXECUTE)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME rasshost)
set(CPACK_PACKAGE_VENDOR "The rasshost authors")
set(CPACK_PACKAGE_CONTACT "${rasshost_deb_maintainer}")
# CPack's default summary, which CPackDeb leaves out: each package's
# synopsis is the first line of its own description below.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_NAME} built using CMake")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_STRIP_FILES ON)  # Debian ships stripped objects; the debug information stays in the build tree
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL ${rasshost_deb_components})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${rasshost_deb_release})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${rasshost_deb_maintainer}")
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# dpkg-shlibdeps finds librasshost.so.0, which no installed package holds yet, in the build tree.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "${PROJECT_BINARY_DIR}")
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)  # a component's DEPENDS: "<package> (= version)"
foreach(component IN ITEMS dev tools examples)
  string(TOUPPER ${component} upper)
  set(CPACK_COMPONENT_${upper}_DEPENDS library)
endforeach()
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libasio-dev")
# A shlibs file for every object with a SONAME, which is librasshost.so.0
# alone (CPack 3.25 has no per-package switch; the DLLs have none).
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_LIBRARY_PACKAGE_CONTROL_EXTRA "${PROJECT_SOURCE_DIR}/contrib/debian/librasshost0/triggers")
set(CPACK_DEBIAN_TOOLS_PACKAGE_CONTROL_EXTRA "${PROJECT_SOURCE_DIR}/contrib/debian/rasshost-tools/conffiles")
# The examples' conffiles: /etc/pam.d/rasshost when pam_security is built
# (contrib/pam writes the line; none until then).
set(rasshost_deb_examples_conffiles "${PROJECT_BINARY_DIR}/debian/rasshost-examples/conffiles")
file(WRITE "${rasshost_deb_examples_conffiles}" "")
set(CPACK_DEBIAN_EXAMPLES_PACKAGE_CONTROL_EXTRA "${rasshost_deb_examples_conffiles}")
# The shipped PAM service includes Debian's common-* files.
set(CPACK_DEBIAN_EXAMPLES_PACKAGE_DEPENDS "libpam-runtime")
set(CPACK_DEBIAN_TOOLS_PACKAGE_RECOMMENDS "rasshost-examples")
set(CPACK_DEBIAN_TOOLS_PACKAGE_SUGGESTS "fail2ban")
set(CPACK_DEBIAN_LIBRARY_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION net)
set(CPACK_DEBIAN_EXAMPLES_PACKAGE_SECTION net)
# Each description's first line is the synopsis; CPack indents the rest
# and turns an empty line into " .".
set(description_tail "rasshost emulates the Windows RAS security host API, so that legacy RAS
security DLLs (token cards, callback checks, password prompts) build and
run unchanged on Linux, serving their dialogs on serial lines, ptys and tcp.

")
set(CPACK_COMPONENT_LIBRARY_DESCRIPTION "RAS security host API emulation - shared library
${description_tail}This package holds the shared library.")
set(CPACK_COMPONENT_DEV_DESCRIPTION "RAS security host API emulation - development files
${description_tail}This package holds the headers, with the Windows header names legacy
source includes, the CMake package and the pkg-config file.")
set(CPACK_COMPONENT_TOOLS_DESCRIPTION "RAS security host API emulation - rasshost-serve and tools
${description_tail}This package holds rasshost-serve, the host that serves a security DLL's
dialogs, rasshost-chat, rasshost-passwd, the systemd units, the fail2ban
filter and jail (disabled) and the bash completion.")
set(CPACK_COMPONENT_EXAMPLES_DESCRIPTION "RAS security host API emulation - example security DLLs
${description_tail}This package holds example security DLLs: passwords against Argon2id
hashes, a callback allow-list, RFC 6238 token codes and a login through
PAM (the service rasshost), installed where rasshost-serve --dll NAME
looks for them.")
include(CPack)
