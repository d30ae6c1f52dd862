# Standalone Asio as the imported target asio::asio. Debian's libasio-dev
# ships the headers but no CMake config, so find them here.
if(NOT TARGET asio::asio)
  find_path(ASIO_INCLUDE_DIR asio.hpp)
  if(NOT ASIO_INCLUDE_DIR)
    message(FATAL_ERROR "standalone Asio not found: install libasio-dev (or set ASIO_INCLUDE_DIR)")
  endif()
  find_package(Threads REQUIRED)
  add_library(asio::asio INTERFACE IMPORTED)
  set_target_properties(asio::asio PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${ASIO_INCLUDE_DIR}"
    # ASIO_DISABLE_STD_ALIGNED_ALLOC: Asio recycles handler memory across
    # translation units (and across librasshost and the program); all of
    # them must agree on one allocator, or a block from operator new is
    # released with free(). Pinning the choice here makes them agree.
    INTERFACE_COMPILE_DEFINITIONS "ASIO_STANDALONE;ASIO_NO_DEPRECATED;ASIO_DISABLE_STD_ALIGNED_ALLOC"
    INTERFACE_LINK_LIBRARIES Threads::Threads)
endif()
