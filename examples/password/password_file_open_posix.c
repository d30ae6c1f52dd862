/*
 * password_file_open_posix.c - PasswordFileOpen on POSIX, with sshd's
 * StrictModes check of the file itself: it must be a regular file, owned
 * by the host's effective user or by root, and not writable by group or
 * others. Anyone who can write the file can give himself a password, so
 * such a file is refused rather than trusted. The check is made on the
 * open descriptor (fstat), so the file checked is the file read.
 */
#define _POSIX_C_SOURCE 200809L

#include "password_file.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* Why an open file is unsafe, or NULL (szBuf: room for the reason). */
static const char *Unsafe(const struct stat *pst, char *szBuf, size_t cchBuf)
{
    if (!S_ISREG(pst->st_mode)) return "not a regular file";
    if ((pst->st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        snprintf(szBuf, cchBuf, "writable by group or others (mode %04o; make it 0600 or 0640)",
                 (unsigned)(pst->st_mode & 07777));
        return szBuf;
    }
    if (pst->st_uid != geteuid() && pst->st_uid != 0) {
        snprintf(szBuf, cchBuf, "owned by uid %lu, neither the host's user (uid %lu) nor root",
                 (unsigned long)pst->st_uid, (unsigned long)geteuid());
        return szBuf;
    }
    return NULL;
}

FILE *PasswordFileOpen(const char *pszPath, int *pResult, char *pszWhy, size_t cchWhy)
{
    char szBuf[PASSWORD_WHY_MAX];
    const char *pszUnsafe;
    struct stat st;
    FILE *pf;
    /* O_NONBLOCK: a FIFO put there must not hang the dialog; it is refused
     * below as not a regular file. */
    int fd = open(pszPath, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);

    if (pszWhy != NULL && cchWhy > 0) pszWhy[0] = '\0';
    *pResult = PASSWORD_FILE_ERROR;
    if (fd < 0) return NULL;
    if (fstat(fd, &st) != 0) {
        close(fd);
        return NULL;
    }
    pszUnsafe = Unsafe(&st, szBuf, sizeof szBuf);
    if (pszUnsafe != NULL) {
        if (pszWhy != NULL && cchWhy > 0) snprintf(pszWhy, cchWhy, "%s", pszUnsafe);
        close(fd);
        *pResult = PASSWORD_FILE_UNSAFE;
        return NULL;
    }
    pf = fdopen(fd, "r");
    if (pf == NULL) {
        close(fd);
        return NULL;
    }
    return pf;
}
