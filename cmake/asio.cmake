# Standalone Asio as the imported target asio::asio. Debian's libasio-dev
# ships the headers but no CMake config, so find them here.
if(NOT TARGET asio::asio)
  find_path(ASIO_INCLUDE_DIR asio.hpp)
  if(NOT ASIO_INCLUDE_DIR)
    message(FATAL_ERROR "standalone Asio not found: install libasio-dev (or set ASIO_INCLUDE_DIR)")
  endif()
  find_package(Threads REQUIRED)
  add_library(asio::asio INTERFACE IMPORTED)
  # ASIO_DISABLE_STD_ALIGNED_ALLOC: Asio picks aligned_alloc/free or
  # operator new/delete for its per-thread handler memory cache by whether
  # libstdc++'s _GLIBCXX_HAVE_ALIGNED_ALLOC is defined when asio's config
  # is read -- which depends on the include order of each translation unit.
  # Handlers of the library and of its users run on the same threads and
  # share that cache, so one TU's block was freed by another with the wrong
  # function (ASan: alloc-dealloc-mismatch, operator new vs free). One
  # choice for every TU, exported with the target.
  set_target_properties(asio::asio PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${ASIO_INCLUDE_DIR}"
    INTERFACE_COMPILE_DEFINITIONS "ASIO_STANDALONE;ASIO_NO_DEPRECATED;ASIO_DISABLE_STD_ALIGNED_ALLOC"
    INTERFACE_LINK_LIBRARIES Threads::Threads)
endif()
