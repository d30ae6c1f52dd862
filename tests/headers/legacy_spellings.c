/* Every legacy spelling of the Windows header names resolves through
 * rasshost::compat on a case-sensitive file system. */
#include <windows.h>
#include <WINDOWS.H>
#include <Windows.h>
#include <winerror.h>
#include <WINERROR.H>
#include <raserror.h>
#include <RASERROR.H>
#include <RasError.h>
#include <rasshost.h>
#include <RASSHOST.H>
#include <RasShost.h>
#include <lmcons.h>
#include <LMCONS.H>
#include <tchar.h>
#include <TCHAR.H>

#include "layout_checks.h"

int main(void)
{
    TCHAR text[16];
    _tcscpy(text, _T("ok"));
    EXPECT_EQ(_tcslen(text), 2);
    EXPECT_EQ(sizeof(TCHAR), 1);
    EXPECT_EQ(TRUE, 1);
    EXPECT_EQ(FALSE, 0);
    return check_layout();
}
