# The library's sources, listed per platform (nothing is globbed): the
# platform-free core, then one backend. docs/architecture.md says what each
# folder holds.

set(rasshost_common_sources
  common/accept_error.cpp
  common/audit.cpp
  common/call_admission.cpp
  common/call_thread.cpp
  common/debug_output.cpp
  common/dialog.cpp
  common/dialog_buffers.cpp
  common/dialog_io.cpp
  common/dialog_lifecycle.cpp
  common/dialog_receive_timer.cpp
  common/dialog_registry.cpp
  common/dialog_state.cpp
  common/drive_option.cpp
  common/event.cpp
  common/event_log_route.cpp
  common/host.cpp
  common/input_ring.cpp
  common/isolation_report.cpp
  common/listeners.cpp
  common/log_escape.cpp
  common/loopback.cpp
  common/port_spec.cpp
  common/registration.cpp
  common/rasman_api.cpp
  common/security_dll.cpp
  common/serial_line.cpp
  common/single_line_listener.cpp
  common/source_key.cpp
  common/source_penalties.cpp
  common/stdio_listener.cpp
  common/system_version.cpp
  common/tcp_port.cpp
  common/telnet_filter.cpp
  common/test_kit.cpp
  common/transcript_mask.cpp
  common/verdict.cpp)

# POSIX: the Win32 emulation (win32/<subsystem>/), the port backends (ports/)
# and what the host needs of the system (host/).
set(rasshost_posix_sources
  posix/host/append_only_file.cpp
  posix/host/child_processes.cpp
  posix/host/process.cpp
  posix/host/service.cpp
  posix/host/test_environment.cpp
  posix/host/test_probe.cpp
  posix/ports/any_baud.cpp
  posix/ports/connect_remote.cpp
  posix/ports/pty_port.cpp
  posix/ports/serial_list.cpp
  posix/ports/serial_port.cpp
  posix/ports/serial_settings.cpp
  posix/ports/stdio_port.cpp
  posix/win32/crt/crt_numbers.cpp
  posix/win32/crt/crt_printf.cpp
  posix/win32/crt/crt_strings.cpp
  posix/win32/event_log/event_line.cpp
  posix/win32/event_log/event_source.cpp
  posix/win32/files/create_file.cpp
  posix/win32/files/directories.cpp
  posix/win32/files/drive_map.cpp
  posix/win32/files/file_errors.cpp
  posix/win32/files/file_io.cpp
  posix/win32/files/file_names.cpp
  posix/win32/files/file_names_wide.cpp
  posix/win32/files/file_object.cpp
  posix/win32/files/find_files.cpp
  posix/win32/files/wildcard.cpp
  posix/win32/files/windows_path.cpp
  posix/win32/handles/duplicate_handle.cpp
  posix/win32/handles/epoch.cpp
  posix/win32/handles/handle_slots.cpp
  posix/win32/handles/handle_table.cpp
  posix/win32/memory/blocks.cpp
  posix/win32/memory/heap.cpp
  posix/win32/memory/heap_calls.cpp
  posix/win32/memory/local_global_calls.cpp
  posix/win32/memory/local_memory.cpp
  posix/win32/messages/format_message.cpp
  posix/win32/messages/message_format.cpp
  posix/win32/messages/message_spec.cpp
  posix/win32/messages/message_table.cpp
  posix/win32/modules/host_library.cpp
  posix/win32/modules/load_error.cpp
  posix/win32/modules/module.cpp
  posix/win32/modules/module_calls_ex.cpp
  posix/win32/modules/module_calls_wide.cpp
  posix/win32/modules/module_file.cpp
  posix/win32/modules/module_names.cpp
  posix/win32/modules/module_threads.cpp
  posix/win32/modules/rasman_module.cpp
  posix/win32/modules/rasman_provider.cpp
  posix/win32/profile/ini_document.cpp
  posix/win32/profile/profile_cache.cpp
  posix/win32/profile/profile_read.cpp
  posix/win32/profile/profile_wide.cpp
  posix/win32/profile/profile_write.cpp
  posix/win32/registry/enum_entry_points.cpp
  posix/win32/registry/get_value_entry_point.cpp
  posix/win32/registry/key_calls.cpp
  posix/win32/registry/key_entry_points.cpp
  posix/win32/registry/key_handles.cpp
  posix/win32/registry/key_tree.cpp
  posix/win32/registry/names.cpp
  posix/win32/registry/reg_file_parser.cpp
  posix/win32/registry/reg_file_text.cpp
  posix/win32/registry/reg_file_writer.cpp
  posix/win32/registry/reg_value_text.cpp
  posix/win32/registry/registry_file.cpp
  posix/win32/registry/value_calls.cpp
  posix/win32/registry/value_entry_points.cpp
  posix/win32/registry/value_form.cpp
  posix/win32/registry/value_snapshot.cpp
  posix/win32/runtime/debug_output.cpp
  posix/win32/runtime/environment_strings.cpp
  posix/win32/runtime/last_error.cpp
  posix/win32/runtime/memory.cpp
  posix/win32/runtime/strings.cpp
  posix/win32/runtime/time.cpp
  posix/win32/runtime/utf8.cpp
  posix/win32/runtime/wsprintf.cpp
  posix/win32/sync/critical_section.cpp
  posix/win32/sync/event.cpp
  posix/win32/sync/mutex.cpp
  posix/win32/sync/named_objects.cpp
  posix/win32/sync/parker_pool.cpp
  posix/win32/sync/semaphore.cpp
  posix/win32/sync/signal_and_wait.cpp
  posix/win32/sync/timer_schedule.cpp
  posix/win32/sync/wait.cpp
  posix/win32/sync/wait_ownership.cpp
  posix/win32/sync/wait_subsystem.cpp
  posix/win32/sync/waitable_timer.cpp
  posix/win32/system/bad_pointers.cpp
  posix/win32/system/environment.cpp
  posix/win32/system/names.cpp
  posix/win32/system/system_info.cpp
  posix/win32/system/version.cpp
  posix/win32/text/ansi_case.cpp
  posix/win32/text/ansi_code_page.cpp
  posix/win32/text/characters.cpp
  posix/win32/text/code_page_tables.cpp
  posix/win32/text/conversion.cpp
  posix/win32/text/multi_byte.cpp
  posix/win32/text/unicode.cpp
  posix/win32/text/unicode_case.cpp
  posix/win32/threads/crt_threads.cpp
  posix/win32/threads/current_thread.cpp
  posix/win32/threads/thread.cpp
  posix/win32/threads/thread_calls.cpp
  posix/win32/threads/tls.cpp
  posix/win32/time/calendar.cpp
  posix/win32/time/crt_time.cpp
  posix/win32/time/file_time.cpp
  posix/win32/time/performance_counter.cpp
  posix/win32/time/time_zone.cpp)

# The parker (how a waiting thread sleeps) and word_wait (how a critical
# section's waiter sleeps on its lock word): a futex on Linux; elsewhere a
# mutex and a condition variable, and hashed mutex and condition variable
# buckets.
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  list(APPEND rasshost_posix_sources posix/win32/sync/parker_linux.cpp posix/win32/sync/word_wait_linux.cpp)
else()
  list(APPEND rasshost_posix_sources posix/win32/sync/parker_portable.cpp posix/win32/sync/word_wait_portable.cpp)
endif()

# Windows: native events and waits (sync/), the loader's glue (modules/; the
# rasman.dll shim is its own target in modules/rasman/), the port backends
# over Win32 COMM and the console (ports/), and the host's system calls (host/).
set(rasshost_win32_sources
  win32/files/drives.cpp
  win32/host/append_only_file.cpp
  win32/host/child_processes.cpp
  win32/host/process.cpp
  win32/host/service.cpp
  win32/host/test_environment.cpp
  win32/modules/host_library.cpp
  win32/modules/load_error.cpp
  win32/modules/rasman_provider.cpp
  win32/registry/registry_file.cpp
  win32/ports/carrier_watch.cpp
  win32/ports/connect_remote.cpp
  win32/ports/pty_port.cpp
  win32/ports/serial_list.cpp
  win32/ports/serial_port.cpp
  win32/ports/serial_settings.cpp
  win32/ports/stdio_port.cpp
  win32/runtime/code_page.cpp
  win32/runtime/debug_output.cpp
  win32/sync/event.cpp
  win32/sync/native_wait.cpp)
