# Standalone Asio as the imported target asio::asio, for this project's
# build and, installed next to rasshostConfig.cmake, for its users: the
# public C++ headers include Asio, so a consumer needs the same target with
# the same definitions. Debian's libasio-dev ships the headers but no CMake
# config, so they are found here. When they are not found, asio::asio is
# not defined and rasshost_asio_missing says why.
if(NOT TARGET asio::asio)
  set(rasshost_asio_missing)
  find_path(ASIO_INCLUDE_DIR asio.hpp)
  set(_rasshost_asio_dir "${ASIO_INCLUDE_DIR}")
  if(NOT _rasshost_asio_dir AND WIN32 AND CMAKE_CROSSCOMPILING AND CMAKE_HOST_UNIX)
    # A cross build to Windows whose sysroot has no Asio takes the build
    # machine's (header-only and portable), through links in a folder of the
    # build tree (the one windows_cross_deps.cmake stages {fmt} and doctest
    # in): /usr/include itself must never be on a mingw-w64 include path,
    # where glibc's headers would shadow mingw's.
    find_path(RASSHOST_HOST_ASIO_DIR asio.hpp PATHS /usr/local/include /usr/include
              NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
    if(RASSHOST_HOST_ASIO_DIR)
      set(_rasshost_asio_dir "${CMAKE_BINARY_DIR}/hostheaders")
      file(MAKE_DIRECTORY "${_rasshost_asio_dir}")
      foreach(_rasshost_entry asio asio.hpp)
        if(NOT EXISTS "${_rasshost_asio_dir}/${_rasshost_entry}")
          file(CREATE_LINK "${RASSHOST_HOST_ASIO_DIR}/${_rasshost_entry}"
               "${_rasshost_asio_dir}/${_rasshost_entry}" SYMBOLIC)
        endif()
      endforeach()
    endif()
  endif()

  if(NOT _rasshost_asio_dir)
    set(rasshost_asio_missing "standalone Asio not found: install libasio-dev (or set ASIO_INCLUDE_DIR)")
  else()
    find_package(Threads REQUIRED)
    add_library(asio::asio INTERFACE IMPORTED)
    set_target_properties(asio::asio PROPERTIES
      INTERFACE_INCLUDE_DIRECTORIES "${_rasshost_asio_dir}"
      INTERFACE_LINK_LIBRARIES Threads::Threads)
    set_property(TARGET asio::asio PROPERTY INTERFACE_COMPILE_DEFINITIONS ASIO_STANDALONE ASIO_NO_DEPRECATED)
    if(WIN32)
      # _WIN32_WINNT: Windows 10, mingw-w64's own default, stated before
      # Asio's first header (which warns without it); mswsock: AcceptEx and
      # GetAcceptExSockaddrs.
      set_property(TARGET asio::asio APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS _WIN32_WINNT=0x0A00)
      set_property(TARGET asio::asio APPEND PROPERTY INTERFACE_LINK_LIBRARIES ws2_32 mswsock)
    else()
      # ASIO_DISABLE_STD_ALIGNED_ALLOC: Asio picks aligned_alloc/free or
      # operator new/delete for its per-thread handler memory cache by whether
      # libstdc++'s _GLIBCXX_HAVE_ALIGNED_ALLOC is defined when asio's config
      # is read -- which depends on the include order of each translation unit.
      # Handlers of the library and of its users run on the same threads and
      # share that cache, so one TU's block was freed by another with the wrong
      # function (ASan: alloc-dealloc-mismatch, operator new vs free). One
      # choice for every TU, exported with the target.
      set_property(TARGET asio::asio APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS ASIO_DISABLE_STD_ALIGNED_ALLOC)
    endif()
  endif()
  unset(_rasshost_asio_dir)
  unset(_rasshost_entry)
endif()
