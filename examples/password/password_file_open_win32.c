/*
 * password_file_open_win32.c - PasswordFileOpen on Windows: a plain open.
 * No ownership or permission check is made there (an ACL check would be
 * the equivalent; protect the file with its ACL).
 */
#include "password_file.h"

#include <stdio.h>

FILE *PasswordFileOpen(const char *pszPath, int *pResult, char *pszWhy, size_t cchWhy)
{
    FILE *pf = fopen(pszPath, "r");

    if (pszWhy != NULL && cchWhy > 0) pszWhy[0] = '\0';
    *pResult = PASSWORD_FILE_ERROR;   /* looked at only when pf is NULL */
    return pf;
}
