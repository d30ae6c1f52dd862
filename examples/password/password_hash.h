/*
 * password_hash.h - the password hashes of the password example, from the
 * platform's own library: Argon2id from libsodium on POSIX
 * (password_hash_sodium.c), PBKDF2-HMAC-SHA256 from Windows CNG,
 * bcrypt.dll, on Windows (password_hash_bcrypt.c), which has no Argon2 and
 * for which Debian ships no libsodium. CMake picks the file; the sources
 * have no #ifdef. A file's hashes are therefore the platform's:
 *
 *   POSIX    $argon2id$v=19$m=65536,t=2,p=1$SALT$HASH   (libsodium's string)
 *   Windows  $pbkdf2-sha256$i=600000$SALT$HASH          (standard base64,
 *            16-byte salt, 32-byte key; 600,000 iterations as OWASP advises)
 *
 * A hash of the other platform's kind never verifies.
 */
#ifndef RASSHOST_EXAMPLES_PASSWORD_HASH_H
#define RASSHOST_EXAMPLES_PASSWORD_HASH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PASSWORD_HASH_MAX 128     /* bytes of a hash string, with the NUL */

/** What every hash of this platform starts with ("$argon2id$" or
 *  "$pbkdf2-sha256$"); lines with another prefix are invalid. */
extern const char g_szPasswordHashPrefix[];

/** The hash verified for unknown users: same algorithm and cost as
 *  PasswordHash's, of a random password nobody knows. */
extern const char g_szPasswordDummyHash[];

/** Makes a new hash of a password, with a fresh random salt, at the cost
 *  above. 0, or -1 when the library fails. */
int PasswordHash(const char *pPassword, size_t cbPassword, char szHash[PASSWORD_HASH_MAX]);

/** 1 when the password matches the hash, 0 when not or when the hash is
 *  malformed (never read past its NUL), -1 when the library fails. Takes
 *  the same time for a right and a wrong password. */
int PasswordHashVerify(const char *pszHash, const char *pPassword, size_t cbPassword);

/** Zeroes cb bytes in a way the compiler may not remove. */
void PasswordWipe(void *pv, size_t cb);

#ifdef __cplusplus
}
#endif

#endif /* RASSHOST_EXAMPLES_PASSWORD_HASH_H */
