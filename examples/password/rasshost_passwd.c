/*
 * rasshost-passwd - adds a user to the password example's file, or replaces
 * the user's password.
 *
 *     rasshost-passwd FILE USER
 *     rasshost-passwd --help | --version
 *
 * The password is read from standard input: on a terminal it is asked for
 * twice without echo; otherwise the first line is taken (a trailing CR/LF
 * is dropped). The file is rewritten atomically: a temporary file in the
 * same directory gets every other line unchanged plus the user's new line
 * (in place of the old one, or at the end), is flushed to disk and renamed
 * over FILE. A new file is created with mode 0600; an existing file keeps
 * its mode. Concurrent runs on one file: the last rename wins.
 *
 * Exit status: 0 done, 1 failure, 64 usage error.
 *
 * An administration tool for POSIX systems (termios, mkstemp, fsync); it
 * is not part of the security DLL.
 */
#define _POSIX_C_SOURCE 200809L

#include <rasshost/config.h>

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "password_file.h"

#define EXIT_USAGE 64

/* Reads one line (without its line end) into buf; -1 on EOF/error/too long. */
static int ReadLine(FILE *pf, char *pszBuf, size_t cchBuf)
{
    size_t cch;
    if (fgets(pszBuf, (int)cchBuf, pf) == NULL) return -1;
    cch = strcspn(pszBuf, "\r\n");
    if (pszBuf[cch] == '\0' && !feof(pf)) {   /* no line end: too long */
        sodium_memzero(pszBuf, cchBuf);
        return -1;
    }
    pszBuf[cch] = '\0';
    return 0;
}

static int ReadPasswordFromTerminal(const char *pszPrompt, char *pszBuf, size_t cchBuf)
{
    struct termios saved, quiet;
    int rc;

    if (tcgetattr(STDIN_FILENO, &saved) != 0) return -1;
    quiet = saved;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    quiet.c_lflag |= ECHONL;
    fputs(pszPrompt, stderr);
    fflush(stderr);
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0) return -1;
    rc = ReadLine(stdin, pszBuf, cchBuf);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    return rc;
}

static int ReadPassword(char *pszPassword, size_t cchPassword)
{
    char szAgain[PASSWORD_MAX + 2];
    int ok;

    if (!isatty(STDIN_FILENO)) return ReadLine(stdin, pszPassword, cchPassword);
    if (ReadPasswordFromTerminal("Password: ", pszPassword, cchPassword) != 0) return -1;
    if (ReadPasswordFromTerminal("Retype password: ", szAgain, sizeof szAgain) != 0) return -1;
    ok = strcmp(pszPassword, szAgain) == 0;
    sodium_memzero(szAgain, sizeof szAgain);
    if (!ok) {
        fputs("rasshost-passwd: the passwords differ\n", stderr);
        return -1;
    }
    return 0;
}

/* Copies FILE (if any) to pfOut with USER's line replaced or appended. */
static int WriteUpdated(const char *pszPath, FILE *pfOut, const char *pszName, const char *pszHash, int *pfReplaced)
{
    char szLine[PASSWORD_LINE_MAX + 1];
    char szLineName[PASSWORD_NAME_MAX + 1];
    char szLineHash[PASSWORD_HASH_MAX];
    FILE *pfIn = fopen(pszPath, "r");

    *pfReplaced = 0;
    if (pfIn == NULL && errno != ENOENT) {
        fprintf(stderr, "rasshost-passwd: %s: %s\n", pszPath, strerror(errno));
        return -1;
    }
    while (pfIn != NULL && fgets(szLine, sizeof szLine, pfIn) != NULL) {
        if (strchr(szLine, '\n') == NULL && !feof(pfIn)) {
            fprintf(stderr, "rasshost-passwd: %s: a line is longer than %d bytes\n", pszPath, PASSWORD_LINE_MAX);
            fclose(pfIn);
            return -1;
        }
        if (PasswordParseLine(szLine, szLineName, szLineHash) && strcmp(szLineName, pszName) == 0) {
            if (*pfReplaced) continue;   /* drop duplicates of the user */
            *pfReplaced = 1;
            fprintf(pfOut, "%s:%s\n", pszName, pszHash);
        } else {
            fputs(szLine, pfOut);
            if (strchr(szLine, '\n') == NULL) fputc('\n', pfOut);
        }
    }
    if (pfIn != NULL) {
        int fFailed = ferror(pfIn);
        fclose(pfIn);
        if (fFailed) {
            fprintf(stderr, "rasshost-passwd: %s: read error\n", pszPath);
            return -1;
        }
    }
    if (!*pfReplaced) fprintf(pfOut, "%s:%s\n", pszName, pszHash);
    return 0;
}

int main(int argc, char **argv)
{
    char szPassword[PASSWORD_MAX + 2];
    char szHash[PASSWORD_HASH_MAX];
    char *pszTemp;
    const char *pszPath, *pszName;
    struct stat st;
    FILE *pfOut;
    int fd, fReplaced = 0, status = 1;

    static const char usage[] = "usage: rasshost-passwd FILE USER   (the password is read from standard input)\n";

    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        fputs(usage, stdout);
        fputs("Adds USER to the password example's FILE, or replaces USER's password (Argon2id).\n"
              "Exit status: 0 done, 1 failure, 64 usage error.\n",
              stdout);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        puts("rasshost-passwd " RASSHOST_VERSION_STRING);
        return 0;
    }
    if (argc != 3 || argv[1][0] == '\0' || argv[1][0] == '-') {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    pszPath = argv[1];
    pszName = argv[2];
    if (!PasswordNameIsValid(pszName)) {
        fprintf(stderr,
                "rasshost-passwd: invalid user name '%s': 1..%d printable ASCII characters without ':' or "
                "spaces, optionally DOMAIN\\user with a 1..%d character domain\n",
                pszName, PASSWORD_NAME_MAX, PASSWORD_DOMAIN_MAX);
        return EXIT_USAGE;
    }
    if (sodium_init() < 0) {
        fputs("rasshost-passwd: libsodium failed to initialise\n", stderr);
        return 1;
    }

    if (ReadPassword(szPassword, sizeof szPassword) != 0 || szPassword[0] == '\0' ||
        strlen(szPassword) > PASSWORD_MAX) {
        fprintf(stderr, "rasshost-passwd: no password read (1..%d bytes on one line)\n", PASSWORD_MAX);
        sodium_memzero(szPassword, sizeof szPassword);
        return 1;
    }
    if (PasswordHash(szPassword, strlen(szPassword), szHash) != 0) {
        fputs("rasshost-passwd: hashing failed (out of memory?)\n", stderr);
        sodium_memzero(szPassword, sizeof szPassword);
        return 1;
    }
    sodium_memzero(szPassword, sizeof szPassword);

    pszTemp = malloc(strlen(pszPath) + sizeof ".XXXXXX");
    if (pszTemp == NULL) return 1;
    strcpy(pszTemp, pszPath);
    strcat(pszTemp, ".XXXXXX");
    fd = mkstemp(pszTemp);   /* mode 0600 */
    if (fd < 0) {
        fprintf(stderr, "rasshost-passwd: cannot create a temporary file next to %s: %s\n", pszPath, strerror(errno));
        free(pszTemp);
        return 1;
    }
    if (stat(pszPath, &st) == 0) fchmod(fd, st.st_mode & 07777);
    pfOut = fdopen(fd, "w");
    if (pfOut == NULL) {
        close(fd);
    } else if (WriteUpdated(pszPath, pfOut, pszName, szHash, &fReplaced) == 0 && fflush(pfOut) == 0 &&
               fsync(fileno(pfOut)) == 0) {
        if (fclose(pfOut) == 0 && rename(pszTemp, pszPath) == 0) {
            printf("%s user %s in %s\n", fReplaced ? "replaced" : "added", pszName, pszPath);
            status = 0;
        } else {
            fprintf(stderr, "rasshost-passwd: cannot replace %s: %s\n", pszPath, strerror(errno));
        }
        pfOut = NULL;
    }
    if (pfOut != NULL) fclose(pfOut);
    if (status != 0) unlink(pszTemp);
    free(pszTemp);
    return status;
}
