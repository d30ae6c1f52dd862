/*
 * rasshost/config.h - the one place where rasshost detects the platform.
 *
 * Every other public header selects its platform branch through the
 * RASSHOST_OS_* macros defined here, so platform tests stay in one file.
 * Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_CONFIG_H
#define RASSHOST_CONFIG_H

#if defined(_WIN32)
#  define RASSHOST_OS_WINDOWS 1
#  define RASSHOST_OS_POSIX 0
#else
#  define RASSHOST_OS_WINDOWS 0
#  define RASSHOST_OS_POSIX 1
#endif

#if defined(__linux__)
#  define RASSHOST_OS_LINUX 1
#else
#  define RASSHOST_OS_LINUX 0
#endif

/* Symbols of the compiled library. On POSIX the library is a shared object
 * so that the host and every security DLL share one handle table and one
 * HPORT registry; on Windows the library is static (the rasman.dll shim
 * carries the exports a security DLL needs). */
#if RASSHOST_OS_WINDOWS
#  define RASSHOST_API
#elif defined(__GNUC__)
#  define RASSHOST_API __attribute__((visibility("default")))
#else
#  define RASSHOST_API
#endif

/* Begin and End are defined by the security DLL. On POSIX their declaration
 * carries default visibility so that unchanged legacy source exports them
 * even when built with -fvisibility=hidden (Windows DLLs use a .def file). */
#if RASSHOST_OS_POSIX && defined(__GNUC__)
#  define RASSHOST_DLL_EXPORT __attribute__((visibility("default")))
#else
#  define RASSHOST_DLL_EXPORT
#endif

#if defined(__cplusplus)
#  define RASSHOST_EXTERN_C_BEGIN extern "C" {
#  define RASSHOST_EXTERN_C_END }
#else
#  define RASSHOST_EXTERN_C_BEGIN
#  define RASSHOST_EXTERN_C_END
#endif

/* Compile-time assertion usable in C89/C99 and C++98 at file scope
 * (a negative array size fails the build). */
#define RASSHOST_STATIC_ASSERT(cond, name) \
    typedef char rasshost_static_assert_##name[(cond) ? 1 : -1]

#define RASSHOST_VERSION_MAJOR 0
#define RASSHOST_VERSION_MINOR 1
#define RASSHOST_VERSION_PATCH 0
#define RASSHOST_VERSION_STRING "0.1.0"

#endif /* RASSHOST_CONFIG_H */
