/*
 * password_hash_sodium.c - password_hash.h over libsodium: Argon2id,
 * opslimit 2, memlimit 64 MiB (libsodium's "interactive" limits).
 */
#include "password_hash.h"

#include <sodium.h>

const char g_szPasswordHashPrefix[] = "$argon2id$";

/* Of 32 random bytes that were thrown away. */
const char g_szPasswordDummyHash[] =
    "$argon2id$v=19$m=65536,t=2,p=1$tD7fgXYsD3ZAKBd7VAeRLA$ohUP5Xf9iVlOjbqdJxITn4YB+k8OEfkjPxBgxd97gvw";

int PasswordHash(const char *pPassword, size_t cbPassword, char szHash[PASSWORD_HASH_MAX])
{
    if (sodium_init() < 0) return -1;
    if (crypto_pwhash_str_alg(szHash, pPassword, (unsigned long long)cbPassword,
                              crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return -1;
    return 0;
}

int PasswordHashVerify(const char *pszHash, const char *pPassword, size_t cbPassword)
{
    size_t cchHash = 0;

    if (pszHash == NULL) return 0;
    while (cchHash < PASSWORD_HASH_MAX && pszHash[cchHash] != '\0') ++cchHash;
    if (cchHash >= PASSWORD_HASH_MAX) return 0;   /* longer than any hash libsodium writes */
    if (sodium_init() < 0) return -1;
    return crypto_pwhash_str_verify(pszHash, pPassword, (unsigned long long)cbPassword) == 0;
}

void PasswordWipe(void *pv, size_t cb)
{
    sodium_memzero(pv, cb);
}

/* The header's size is libsodium's. */
typedef char password_hash_max_matches_sodium[PASSWORD_HASH_MAX == crypto_pwhash_STRBYTES ? 1 : -1];
