/*
 * password_file.h - the password file of the password example DLL and of
 * rasshost-passwd.
 *
 * Format: one user per line, "NAME:HASH", where HASH is a hash string of
 * the platform's kind (password_hash.h): Argon2id from libsodium on POSIX
 * ("$argon2id$..."), PBKDF2-HMAC-SHA256 from CNG on Windows.
 * Blank lines and lines starting with '#' are ignored (rasshost-passwd
 * keeps them). NAME is what the remote user types at "Username: ":
 * 1..256 printable ASCII characters (0x21..0x7E) except ':', optionally in
 * the NT form "DOMAIN\user" with a 1..15 character domain (the DLL reports
 * DOMAIN in SECURITY_MESSAGE.Domain and user in UserName). Names are
 * case-sensitive. Lines with an invalid name or hash never match.
 *
 * Where the file is: the environment variable RASSHOST_PASSWORD_FILE, or
 * "passwords.txt" in RASSHOST_EXAMPLE_CONFIG_DIR (/etc/rasshost/ on POSIX,
 * the current directory on Windows). The file is read afresh on every
 * try, so edits take effect at once.
 *
 * Safety (sshd's StrictModes, POSIX only): a file that is not a regular
 * file, that group or others may write, or that is owned by neither the
 * host's effective user nor root is refused (PASSWORD_FILE_UNSAFE, with the
 * reason): whoever can write it can give himself a password. Windows makes
 * no such check (password_file_open_win32.c); protect the file's ACL.
 *
 * Timing: PasswordFileCheck always reads the whole file and always runs one
 * hash verification, against a built-in dummy hash when the user is
 * unknown, so an unknown user costs the same as a wrong password.
 *
 * Plain C99 over password_hash.h; used by the DLL and the command-line tool.
 */
#ifndef RASSHOST_EXAMPLES_PASSWORD_FILE_H
#define RASSHOST_EXAMPLES_PASSWORD_FILE_H

#include "password_hash.h"

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PASSWORD_FILE_ENV "RASSHOST_PASSWORD_FILE"
#define PASSWORD_FILE_DEFAULT RASSHOST_EXAMPLE_CONFIG_DIR "passwords.txt"

#define PASSWORD_NAME_MAX 256     /* = UNLEN */
#define PASSWORD_DOMAIN_MAX 15    /* = DNLEN */
#define PASSWORD_MAX 256          /* = PWLEN, bytes of a password */
#define PASSWORD_LINE_MAX (PASSWORD_NAME_MAX + 1 + PASSWORD_HASH_MAX + 2)

/* Results. */
#define PASSWORD_MATCH 0          /* known user, right password */
#define PASSWORD_MISMATCH 1       /* unknown user or wrong password */
#define PASSWORD_FOUND 2          /* PasswordFileLookup: the user has a line */
#define PASSWORD_NOT_FOUND 3      /* PasswordFileLookup: no valid line for the user */
#define PASSWORD_FILE_ERROR (-1)  /* the file cannot be read */
#define PASSWORD_CRYPTO_ERROR (-2)/* the crypto library failed */
#define PASSWORD_FILE_UNSAFE (-3) /* others may write the file: refused */

#define PASSWORD_WHY_MAX 128      /* bytes of a reason, with the NUL */

/** The file to use: $RASSHOST_PASSWORD_FILE or PASSWORD_FILE_DEFAULT. */
const char *PasswordFilePath(void);

/** Nonzero if the name may appear in the file (see above). */
int PasswordNameIsValid(const char *pszName);

/** Splits a valid "DOMAIN\user" into its parts (a name without a backslash
 *  gives an empty domain). Returns 0, or -1 if a part does not fit. */
int PasswordSplitName(const char *pszName, char *pszDomain, size_t cchDomain, char *pszUser, size_t cchUser);

/** Parses one line (without or with its line end). Returns 1 and fills the
 *  outputs for a valid "NAME:HASH" line, 0 for blank/comment/invalid. */
int PasswordParseLine(const char *pszLine, char szName[PASSWORD_NAME_MAX + 1], char szHash[PASSWORD_HASH_MAX]);

/** Opens the file for reading, after the safety check above (platform
 *  code: password_file_open_posix.c, password_file_open_win32.c). NULL when
 *  it cannot be opened (*pResult PASSWORD_FILE_ERROR) or is unsafe
 *  (PASSWORD_FILE_UNSAFE, and the reason in pszWhy if not NULL). */
FILE *PasswordFileOpen(const char *pszPath, int *pResult, char *pszWhy, size_t cchWhy);

/** Reads the whole file; PASSWORD_FOUND with the user's hash (first valid
 *  line), PASSWORD_NOT_FOUND, PASSWORD_FILE_ERROR or PASSWORD_FILE_UNSAFE. */
int PasswordFileLookup(const char *pszPath, const char *pszName, char szHash[PASSWORD_HASH_MAX]);

/** Checks a password: PASSWORD_MATCH, PASSWORD_MISMATCH, or an error.
 *  *pfKnown (if not NULL) says whether the name was found (for tests);
 *  pszWhy (if not NULL) gets the reason of a PASSWORD_FILE_UNSAFE. */
int PasswordFileCheck(const char *pszPath, const char *pszName, const char *pPassword, size_t cbPassword,
                      int *pfKnown, char *pszWhy, size_t cchWhy);

#ifdef __cplusplus
}
#endif

#endif /* RASSHOST_EXAMPLES_PASSWORD_FILE_H */
