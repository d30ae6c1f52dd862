/*
 * rasshost/win32/files.h - files, directories and Windows paths (CreateFileA,
 * ReadFile, FindFirstFileA, GetTempPathA, GetModuleFileNameA ...).
 *
 * On Windows <windows.h> declares them and this header adds nothing. On
 * POSIX a Windows path names a file through the drive mapping of
 * <rasshost/drives.hpp> (Z: is / unless changed; C: is where the embedder
 * puts it), '\' and '/' both separate, and an existing file is found
 * whatever the letter case of its name (docs/decisions.md#windows-paths).
 * File handles are entries of the handle table: not waitable, closed by
 * CloseHandle. Share modes are enforced between the opens of this process
 * (docs/decisions.md#file-share-modes). The W forms convert through the
 * ANSI code page. Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_FILES_H
#define RASSHOST_WIN32_FILES_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

#define GENERIC_READ 0x80000000u
#define GENERIC_WRITE 0x40000000u
#define GENERIC_EXECUTE 0x20000000u
#define GENERIC_ALL 0x10000000u
#define FILE_READ_DATA 0x0001u
#define FILE_WRITE_DATA 0x0002u
#define FILE_APPEND_DATA 0x0004u

#define FILE_SHARE_READ 0x00000001u
#define FILE_SHARE_WRITE 0x00000002u
#define FILE_SHARE_DELETE 0x00000004u

#define CREATE_NEW 1
#define CREATE_ALWAYS 2
#define OPEN_EXISTING 3
#define OPEN_ALWAYS 4
#define TRUNCATE_EXISTING 5

#define FILE_ATTRIBUTE_READONLY 0x00000001u
#define FILE_ATTRIBUTE_HIDDEN 0x00000002u
#define FILE_ATTRIBUTE_SYSTEM 0x00000004u
#define FILE_ATTRIBUTE_DIRECTORY 0x00000010u
#define FILE_ATTRIBUTE_ARCHIVE 0x00000020u
#define FILE_ATTRIBUTE_DEVICE 0x00000040u
#define FILE_ATTRIBUTE_NORMAL 0x00000080u
#define FILE_ATTRIBUTE_TEMPORARY 0x00000100u
#define FILE_ATTRIBUTE_SPARSE_FILE 0x00000200u
#define FILE_ATTRIBUTE_REPARSE_POINT 0x00000400u
#define FILE_ATTRIBUTE_COMPRESSED 0x00000800u
#define FILE_ATTRIBUTE_OFFLINE 0x00001000u
#define FILE_ATTRIBUTE_NOT_CONTENT_INDEXED 0x00002000u
#define FILE_ATTRIBUTE_ENCRYPTED 0x00004000u

#define FILE_FLAG_WRITE_THROUGH 0x80000000u
#define FILE_FLAG_OVERLAPPED 0x40000000u
#define FILE_FLAG_NO_BUFFERING 0x20000000u
#define FILE_FLAG_RANDOM_ACCESS 0x10000000u
#define FILE_FLAG_SEQUENTIAL_SCAN 0x08000000u
#define FILE_FLAG_DELETE_ON_CLOSE 0x04000000u
#define FILE_FLAG_BACKUP_SEMANTICS 0x02000000u

#define FILE_BEGIN 0
#define FILE_CURRENT 1
#define FILE_END 2

#define INVALID_FILE_SIZE ((DWORD)0xFFFFFFFF)
#define INVALID_SET_FILE_POINTER ((DWORD)-1)
#define INVALID_FILE_ATTRIBUTES ((DWORD)-1)

#define MOVEFILE_REPLACE_EXISTING 0x00000001u
#define MOVEFILE_COPY_ALLOWED 0x00000002u
#define MOVEFILE_DELAY_UNTIL_REBOOT 0x00000004u
#define MOVEFILE_WRITE_THROUGH 0x00000008u

/* Only Offset and OffsetHigh are read (a positioned synchronous transfer);
 * the layout is the SDK's, without its nameless union's Pointer member. */
typedef struct _OVERLAPPED {
    ULONG_PTR Internal;
    ULONG_PTR InternalHigh;
    DWORD Offset;
    DWORD OffsetHigh;
    HANDLE hEvent;
} OVERLAPPED, *LPOVERLAPPED;

typedef struct _WIN32_FIND_DATAA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
    DWORD dwReserved0;
    DWORD dwReserved1;
    CHAR cFileName[MAX_PATH];
    CHAR cAlternateFileName[14];
} WIN32_FIND_DATAA, *PWIN32_FIND_DATAA, *LPWIN32_FIND_DATAA;

typedef struct _WIN32_FIND_DATAW {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
    DWORD dwReserved0;
    DWORD dwReserved1;
    WCHAR cFileName[MAX_PATH];
    WCHAR cAlternateFileName[14];
} WIN32_FIND_DATAW, *PWIN32_FIND_DATAW, *LPWIN32_FIND_DATAW;

/* ---- opening, reading and writing ---- */

/** Opens or creates a file. dwCreationDisposition: CREATE_NEW (an existing
 *  file: ERROR_FILE_EXISTS), CREATE_ALWAYS and OPEN_ALWAYS (succeed on an
 *  existing file with GetLastError() == ERROR_ALREADY_EXISTS, else
 *  ERROR_SUCCESS), OPEN_EXISTING and TRUNCATE_EXISTING (a missing file:
 *  ERROR_FILE_NOT_FOUND, a missing directory: ERROR_PATH_NOT_FOUND).
 *  INVALID_HANDLE_VALUE on failure. */
RASSHOST_API HANDLE WINAPI CreateFileA(LPCSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                                       LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                                       DWORD dwFlagsAndAttributes, HANDLE hTemplateFile);
RASSHOST_API HANDLE WINAPI CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                                       LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                                       DWORD dwFlagsAndAttributes, HANDLE hTemplateFile);
/** Reads up to nNumberOfBytesToRead bytes; at the end of the file it
 *  succeeds with 0 bytes read. With lpOverlapped, reads at its Offset. */
RASSHOST_API BOOL WINAPI ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead,
                                  LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped);
RASSHOST_API BOOL WINAPI WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
                                   LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped);
/** Moves the file pointer; a position before the start fails with
 *  ERROR_NEGATIVE_SEEK. Returns the new low 32 bits (the high ones in
 *  *lpDistanceToMoveHigh), or INVALID_SET_FILE_POINTER. */
RASSHOST_API DWORD WINAPI SetFilePointer(HANDLE hFile, LONG lDistanceToMove, PLONG lpDistanceToMoveHigh,
                                         DWORD dwMoveMethod);
RASSHOST_API BOOL WINAPI SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove,
                                          PLARGE_INTEGER lpNewFilePointer, DWORD dwMoveMethod);
RASSHOST_API DWORD WINAPI GetFileSize(HANDLE hFile, LPDWORD lpFileSizeHigh);
RASSHOST_API BOOL WINAPI GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize);
/** Cuts or extends the file at its file pointer. */
RASSHOST_API BOOL WINAPI SetEndOfFile(HANDLE hFile);
RASSHOST_API BOOL WINAPI FlushFileBuffers(HANDLE hFile);

/* ---- files and directories by name ---- */

RASSHOST_API BOOL WINAPI DeleteFileA(LPCSTR lpFileName);
RASSHOST_API BOOL WINAPI DeleteFileW(LPCWSTR lpFileName);
/** Renames; an existing target fails with ERROR_ALREADY_EXISTS. */
RASSHOST_API BOOL WINAPI MoveFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName);
RASSHOST_API BOOL WINAPI MoveFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName);
/** MOVEFILE_REPLACE_EXISTING replaces an existing file; MOVEFILE_COPY_ALLOWED
 *  copies across file systems. */
RASSHOST_API BOOL WINAPI MoveFileExA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, DWORD dwFlags);
RASSHOST_API BOOL WINAPI MoveFileExW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, DWORD dwFlags);
/** bFailIfExists and an existing target: ERROR_FILE_EXISTS. */
RASSHOST_API BOOL WINAPI CopyFileA(LPCSTR lpExistingFileName, LPCSTR lpNewFileName, BOOL bFailIfExists);
RASSHOST_API BOOL WINAPI CopyFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, BOOL bFailIfExists);
/** An existing name: ERROR_ALREADY_EXISTS. */
RASSHOST_API BOOL WINAPI CreateDirectoryA(LPCSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes);
RASSHOST_API BOOL WINAPI CreateDirectoryW(LPCWSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes);
/** A directory that is not empty: ERROR_DIR_NOT_EMPTY. */
RASSHOST_API BOOL WINAPI RemoveDirectoryA(LPCSTR lpPathName);
RASSHOST_API BOOL WINAPI RemoveDirectoryW(LPCWSTR lpPathName);
/** FILE_ATTRIBUTE_* of a file or directory, or INVALID_FILE_ATTRIBUTES. */
RASSHOST_API DWORD WINAPI GetFileAttributesA(LPCSTR lpFileName);
RASSHOST_API DWORD WINAPI GetFileAttributesW(LPCWSTR lpFileName);

/* ---- listing a directory ---- */

/** The first name matching the last component of lpFileName ('*' and '?',
 *  letter case ignored). No match: ERROR_FILE_NOT_FOUND. The handle is not
 *  waitable; close it with FindClose. */
RASSHOST_API HANDLE WINAPI FindFirstFileA(LPCSTR lpFileName, LPWIN32_FIND_DATAA lpFindFileData);
RASSHOST_API HANDLE WINAPI FindFirstFileW(LPCWSTR lpFileName, LPWIN32_FIND_DATAW lpFindFileData);
/** The next match; after the last: FALSE with ERROR_NO_MORE_FILES. */
RASSHOST_API BOOL WINAPI FindNextFileA(HANDLE hFindFile, LPWIN32_FIND_DATAA lpFindFileData);
RASSHOST_API BOOL WINAPI FindNextFileW(HANDLE hFindFile, LPWIN32_FIND_DATAW lpFindFileData);
RASSHOST_API BOOL WINAPI FindClose(HANDLE hFindFile);

/* ---- where things are ---- */

/** The directory for temporary files, with a trailing backslash. Returns the
 *  length, or the size needed (with the terminator) when nBufferLength is
 *  too small, the buffer untouched. */
RASSHOST_API DWORD WINAPI GetTempPathA(DWORD nBufferLength, LPSTR lpBuffer);
RASSHOST_API DWORD WINAPI GetTempPathW(DWORD nBufferLength, LPWSTR lpBuffer);
/** lpPathName\\<prefix, 3 characters><hex>.tmp. uUnique 0: a new empty file
 *  is created and its number returned; otherwise only the name is made. */
RASSHOST_API UINT WINAPI GetTempFileNameA(LPCSTR lpPathName, LPCSTR lpPrefixString, UINT uUnique,
                                          LPSTR lpTempFileName);
RASSHOST_API UINT WINAPI GetTempFileNameW(LPCWSTR lpPathName, LPCWSTR lpPrefixString, UINT uUnique,
                                          LPWSTR lpTempFileName);
/** The file of a module (NULL: the program) in Windows form. A buffer too
 *  small gets the truncated, terminated name, the return value is nSize and
 *  GetLastError() ERROR_INSUFFICIENT_BUFFER (as Windows Vista and later). */
RASSHOST_API DWORD WINAPI GetModuleFileNameA(HMODULE hModule, LPSTR lpFilename, DWORD nSize);
RASSHOST_API DWORD WINAPI GetModuleFileNameW(HMODULE hModule, LPWSTR lpFilename, DWORD nSize);
/** The current directory in Windows form (same return rules as GetTempPathA). */
RASSHOST_API DWORD WINAPI GetCurrentDirectoryA(DWORD nBufferLength, LPSTR lpBuffer);
RASSHOST_API DWORD WINAPI GetCurrentDirectoryW(DWORD nBufferLength, LPWSTR lpBuffer);
/** C:\\WINDOWS\\system32 (docs/decisions.md#windows-directory). */
RASSHOST_API UINT WINAPI GetSystemDirectoryA(LPSTR lpBuffer, UINT uSize);
RASSHOST_API UINT WINAPI GetSystemDirectoryW(LPWSTR lpBuffer, UINT uSize);
/** C:\\WINDOWS (docs/decisions.md#windows-directory). */
RASSHOST_API UINT WINAPI GetWindowsDirectoryA(LPSTR lpBuffer, UINT uSize);
RASSHOST_API UINT WINAPI GetWindowsDirectoryW(LPWSTR lpBuffer, UINT uSize);

/* ---- wide strings, with Win32's NULL handling ---- */

RASSHOST_API LPWSTR WINAPI lstrcpyW(LPWSTR lpString1, LPCWSTR lpString2);
RASSHOST_API LPWSTR WINAPI lstrcatW(LPWSTR lpString1, LPCWSTR lpString2);
RASSHOST_API int WINAPI lstrcmpW(LPCWSTR lpString1, LPCWSTR lpString2);
RASSHOST_API int WINAPI lstrlenW(LPCWSTR lpString);

#define CreateFile CreateFileA
#define DeleteFile DeleteFileA
#define MoveFile MoveFileA
#define MoveFileEx MoveFileExA
#define CopyFile CopyFileA
#define CreateDirectory CreateDirectoryA
#define RemoveDirectory RemoveDirectoryA
#define GetFileAttributes GetFileAttributesA
#define FindFirstFile FindFirstFileA
#define FindNextFile FindNextFileA
#define WIN32_FIND_DATA WIN32_FIND_DATAA
#define PWIN32_FIND_DATA PWIN32_FIND_DATAA
#define LPWIN32_FIND_DATA LPWIN32_FIND_DATAA
#define GetTempPath GetTempPathA
#define GetTempFileName GetTempFileNameA
#define GetModuleFileName GetModuleFileNameA
#define GetCurrentDirectory GetCurrentDirectoryA
#define GetSystemDirectory GetSystemDirectoryA
#define GetWindowsDirectory GetWindowsDirectoryA

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_FILES_H */
