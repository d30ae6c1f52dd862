/*
 * password_file.c - see password_file.h.
 */
#include "password_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *PasswordFilePath(void)
{
    const char *psz = getenv(PASSWORD_FILE_ENV);
    return (psz != NULL && *psz != '\0') ? psz : PASSWORD_FILE_DEFAULT;
}

int PasswordNameIsValid(const char *pszName)
{
    size_t cch = 0, cchDomain = 0;
    int fBackslash = 0;

    if (pszName == NULL) return 0;
    for (; pszName[cch] != '\0'; ++cch) {
        unsigned char c = (unsigned char)pszName[cch];
        if (cch >= PASSWORD_NAME_MAX || c < 0x21 || c > 0x7E || c == ':') return 0;
        if (c == '\\') {
            if (fBackslash) return 0;   /* at most one */
            fBackslash = 1;
            cchDomain = cch;
        }
    }
    if (cch == 0) return 0;
    if (fBackslash && (cchDomain == 0 || cchDomain > PASSWORD_DOMAIN_MAX || cchDomain + 1 == cch)) return 0;
    return 1;
}

int PasswordSplitName(const char *pszName, char *pszDomain, size_t cchDomain, char *pszUser, size_t cchUser)
{
    const char *pszSlash = strchr(pszName, '\\');
    size_t cchD = pszSlash != NULL ? (size_t)(pszSlash - pszName) : 0;
    const char *pszU = pszSlash != NULL ? pszSlash + 1 : pszName;

    if (cchDomain == 0 || cchUser == 0 || cchD >= cchDomain || strlen(pszU) >= cchUser) return -1;
    memcpy(pszDomain, pszName, cchD);
    pszDomain[cchD] = '\0';
    strcpy(pszUser, pszU);
    return 0;
}

int PasswordParseLine(const char *pszLine, char szName[PASSWORD_NAME_MAX + 1], char szHash[PASSWORD_HASH_MAX])
{
    size_t cchLine = strcspn(pszLine, "\r\n");
    const char *pszColon = memchr(pszLine, ':', cchLine);
    size_t cchName, cchHash;

    szName[0] = '\0';
    szHash[0] = '\0';
    if (cchLine == 0 || pszLine[0] == '#' || pszColon == NULL) return 0;
    cchName = (size_t)(pszColon - pszLine);
    cchHash = cchLine - cchName - 1;
    if (cchName > PASSWORD_NAME_MAX || cchHash >= PASSWORD_HASH_MAX) return 0;
    if (cchHash <= strlen(g_szPasswordHashPrefix) ||
        memcmp(pszColon + 1, g_szPasswordHashPrefix, strlen(g_szPasswordHashPrefix)) != 0)
        return 0;
    memcpy(szName, pszLine, cchName);
    szName[cchName] = '\0';
    if (!PasswordNameIsValid(szName)) {
        szName[0] = '\0';
        return 0;
    }
    memcpy(szHash, pszColon + 1, cchHash);
    szHash[cchHash] = '\0';
    return 1;
}

/* PasswordFileLookup, with the reason of a PASSWORD_FILE_UNSAFE. */
static int Lookup(const char *pszPath, const char *pszName, char szHash[PASSWORD_HASH_MAX], char *pszWhy,
                  size_t cchWhy)
{
    char szLine[PASSWORD_LINE_MAX + 1];
    char szLineName[PASSWORD_NAME_MAX + 1];
    char szLineHash[PASSWORD_HASH_MAX];
    int result = PASSWORD_NOT_FOUND;
    int fLineTooLong = 0;
    FILE *pf = PasswordFileOpen(pszPath, &result, pszWhy, cchWhy);

    szHash[0] = '\0';
    if (pf == NULL) return result;
    result = PASSWORD_NOT_FOUND;
    /* Always read to the end: how long the lookup takes must not depend on
     * where (or whether) the user is in the file. */
    while (fgets(szLine, sizeof szLine, pf) != NULL) {
        int fWhole = strchr(szLine, '\n') != NULL || feof(pf);
        if (fLineTooLong) {             /* the rest of an overlong line */
            fLineTooLong = !fWhole;
            continue;
        }
        if (!fWhole) {                  /* overlong: never valid */
            fLineTooLong = 1;
            continue;
        }
        if (PasswordParseLine(szLine, szLineName, szLineHash) && result == PASSWORD_NOT_FOUND &&
            strcmp(szLineName, pszName) == 0) {
            memcpy(szHash, szLineHash, sizeof szLineHash);
            result = PASSWORD_FOUND;
        }
    }
    if (ferror(pf)) result = PASSWORD_FILE_ERROR;
    fclose(pf);
    PasswordWipe(szLineHash, sizeof szLineHash);
    if (result != PASSWORD_FOUND) PasswordWipe(szHash, PASSWORD_HASH_MAX);
    return result;
}

int PasswordFileLookup(const char *pszPath, const char *pszName, char szHash[PASSWORD_HASH_MAX])
{
    return Lookup(pszPath, pszName, szHash, NULL, 0);
}

int PasswordFileCheck(const char *pszPath, const char *pszName, const char *pPassword, size_t cbPassword,
                      int *pfKnown, char *pszWhy, size_t cchWhy)
{
    char szHash[PASSWORD_HASH_MAX];
    int lookup, fVerified;

    if (pfKnown != NULL) *pfKnown = 0;
    if (pszWhy != NULL && cchWhy > 0) pszWhy[0] = '\0';
    lookup = PasswordNameIsValid(pszName) ? Lookup(pszPath, pszName, szHash, pszWhy, cchWhy) : PASSWORD_NOT_FOUND;
    if (lookup == PASSWORD_FILE_ERROR || lookup == PASSWORD_FILE_UNSAFE) return lookup;

    /* One verification either way: against the dummy hash when the user is
     * unknown, so the time taken does not reveal which it was. */
    fVerified = PasswordHashVerify(lookup == PASSWORD_FOUND ? szHash : g_szPasswordDummyHash, pPassword, cbPassword);
    PasswordWipe(szHash, sizeof szHash);
    if (fVerified < 0) return PASSWORD_CRYPTO_ERROR;
    if (pfKnown != NULL) *pfKnown = lookup == PASSWORD_FOUND;
    return (lookup == PASSWORD_FOUND && fVerified == 1) ? PASSWORD_MATCH : PASSWORD_MISMATCH;
}

