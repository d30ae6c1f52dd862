/* A legacy C89 source: every SDK header a Windows security DLL includes, in
 * the spellings legacy sources use, through rasshost::compat; then a few
 * calls from each (critical sections, Interlocked, TLS, _beginthreadex,
 * strsafe, _alloca). Built and run on POSIX and for Windows alike. */
/* The SDK's strsafe.h otherwise redefines strcpy (behind _tcscpy) to break it. */
#define STRSAFE_NO_DEPRECATE
#include <windows.h>
#include <WINDOWS.H>
#include <Windows.h>
#include <windef.h>
#include <WINDEF.H>
#include <WinDef.h>
#include <winbase.h>
#include <WINBASE.H>
#include <WinBase.h>
#include <winnt.h>
#include <WINNT.H>
#include <WinNT.h>
#include <winreg.h>
#include <WINREG.H>
#include <WinReg.h>
#include <winnls.h>
#include <WINNLS.H>
#include <WinNls.h>
#include <winerror.h>
#include <WINERROR.H>
#include <WinError.h>
/* tchar.h before strsafe.h: the SDK's strsafe.h demands that order. */
#include <tchar.h>
#include <TCHAR.H>
#include <strsafe.h>
#include <STRSAFE.H>
#include <StrSafe.h>
#include <process.h>
#include <PROCESS.H>
#include <malloc.h>
#include <MALLOC.H>
#include <lmcons.h>
#include <LMCONS.H>
#include <LmCons.h>

#include <stdio.h>

static int failures = 0;

#define EXPECT(condition)                                  \
    do {                                                   \
        if (!(condition)) {                                \
            printf("FAIL line %d: %s\n", __LINE__, #condition); \
            ++failures;                                    \
        }                                                  \
    } while (0)

static unsigned __stdcall count_once(void *counter)
{
    InterlockedIncrement((LONG volatile *)counter);
    return 7;
}

/* stdarg.h comes with windows.h, as in the SDK. */
static int sum(int n, ...)
{
    va_list args;
    int total = 0;
    va_start(args, n);
    while (n-- > 0) total += va_arg(args, int);
    va_end(args);
    return total;
}

int main(void)
{
    CRITICAL_SECTION cs;
    LONG volatile counter = 0;
    DWORD index;
    DWORD code = 0;
    char buffer[8];
    char *scratch;
    size_t length = 0;
    uintptr_t thread;
    TCHAR text[4];
    NET_API_STATUS status = 0;

    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    EXPECT(TryEnterCriticalSection(&cs));
    EXPECT(cs.RecursionCount == 2);
    LeaveCriticalSection(&cs);
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);

    EXPECT(InterlockedExchangeAdd(&counter, 5) == 0);
    EXPECT(InterlockedCompareExchange(&counter, 1, 5) == 5);
    EXPECT(InterlockedDecrement(&counter) == 0);

    index = TlsAlloc();
    EXPECT(index != TLS_OUT_OF_INDEXES);
    EXPECT(TlsSetValue(index, buffer));
    EXPECT(TlsGetValue(index) == buffer);
    EXPECT(TlsFree(index));

    thread = _beginthreadex(NULL, 0, count_once, (void *)&counter, 0, NULL);
    EXPECT(thread != 0);
    EXPECT(WaitForSingleObject((HANDLE)thread, INFINITE) == WAIT_OBJECT_0);
    EXPECT(GetExitCodeThread((HANDLE)thread, &code) && code == 7);
    EXPECT(CloseHandle((HANDLE)thread));
    EXPECT(counter == 1);

    EXPECT(StringCchCopyA(buffer, sizeof buffer, "truncated") == STRSAFE_E_INSUFFICIENT_BUFFER);
    EXPECT(strcmp(buffer, "truncat") == 0);
    EXPECT(SUCCEEDED(StringCchLengthA(buffer, sizeof buffer, &length)) && length == 7);
    EXPECT(SUCCEEDED(StringCbPrintfA(buffer, sizeof buffer, "%d-%s", 42, "x")));
    EXPECT(strcmp(buffer, "42-x") == 0);
    EXPECT(FAILED(StringCchCatA(buffer, sizeof buffer, "long")));
    EXPECT(strcmp(buffer, "42-xlon") == 0);

    scratch = (char *)_alloca(16);
    memset(scratch, 'a', 16);
    EXPECT(scratch[15] == 'a');

    _tcscpy(text, _T("ok"));
    EXPECT(_tcslen(text) == 2);
    EXPECT(UNLEN == 256);
    EXPECT(NNLEN == 80);
    EXPECT(RMLEN == 98);
    EXPECT(MAX_PREFERRED_LENGTH == (DWORD)-1);
    EXPECT(_istupper('A') && !_istupper('a'));
    EXPECT(_tcsspn(_T("aab"), _T("a")) == 2);
    EXPECT(sum(3, 1, 2, 3) == 6);
    EXPECT(status == 0);
    return failures == 0 ? 0 : 1;
}
