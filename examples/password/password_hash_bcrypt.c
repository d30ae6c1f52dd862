/*
 * password_hash_bcrypt.c - password_hash.h over Windows CNG: PBKDF2 with
 * HMAC-SHA256 (BCryptDeriveKeyPBKDF2), salts from BCryptGenRandom, base64
 * from crypt32 (CryptBinaryToStringA / CryptStringToBinaryA).
 */
#include "password_hash.h"

#include <windows.h>
#include <bcrypt.h>
#include <wincrypt.h>
#include <stdio.h>
#include <string.h>

#define PBKDF2_PREFIX "$pbkdf2-sha256$i="
#define PBKDF2_ITERATIONS 600000u   /* OWASP's 2023 advice for PBKDF2-HMAC-SHA256 */
#define PBKDF2_ITERATIONS_MAX 10000000u  /* a hash asking for more is refused (cost bound) */
#define PBKDF2_SALT_SIZE 16
#define PBKDF2_SALT_MAX 64
#define PBKDF2_KEY_SIZE 32

const char g_szPasswordHashPrefix[] = "$pbkdf2-sha256$";

/* Of 32 random bytes that were thrown away. */
const char g_szPasswordDummyHash[] =
    "$pbkdf2-sha256$i=600000$YokyfdT4CWLY0rV/7i/q5g==$mVJf2AHH2tWuxCep4Ps1wkXu3Dum5flwSTYkmjenC6c=";

static int DeriveKey(const char *pPassword, size_t cbPassword, const BYTE *pbSalt, ULONG cbSalt, ULONG iterations,
                     BYTE abKey[PBKDF2_KEY_SIZE])
{
    BCRYPT_ALG_HANDLE hAlgorithm = NULL;
    NTSTATUS status;

    if (cbPassword > MAXDWORD) return -1;
    status = BCryptOpenAlgorithmProvider(&hAlgorithm, BCRYPT_SHA256_ALGORITHM, NULL, BCRYPT_ALG_HANDLE_HMAC_FLAG);
    if (BCRYPT_SUCCESS(status))
        status = BCryptDeriveKeyPBKDF2(hAlgorithm, (PUCHAR)pPassword, (ULONG)cbPassword, (PUCHAR)pbSalt, cbSalt,
                                       iterations, abKey, PBKDF2_KEY_SIZE, 0);
    if (hAlgorithm != NULL) BCryptCloseAlgorithmProvider(hAlgorithm, 0);
    return BCRYPT_SUCCESS(status) ? 0 : -1;
}

/* Appends base64 of pb to psz (capacity cch in all); -1 if it does not fit. */
static int AppendBase64(char *psz, size_t cch, const BYTE *pb, DWORD cb)
{
    size_t cchUsed = strlen(psz);
    DWORD cchOut = (DWORD)(cch - cchUsed);
    return CryptBinaryToStringA(pb, cb, CRYPT_STRING_BASE64 | CRYPT_STRING_NOCRLF, psz + cchUsed, &cchOut) ? 0 : -1;
}

/* Decodes canonical base64 text[0..cch) (length a multiple of 4, '=' only
 * as the last one or two characters; crypt32 itself is lenient) into pb
 * (capacity cbMax). Returns the length, or -1. */
static long DecodeBase64(const char *pszText, size_t cch, BYTE *pb, DWORD cbMax)
{
    DWORD cb = cbMax, skipped = 0, flags = 0;
    size_t i, cchPadding = 0;

    if (cch == 0 || cch % 4 != 0 || cch > MAXDWORD) return -1;
    if (pszText[cch - 1] == '=') cchPadding = pszText[cch - 2] == '=' ? 2 : 1;
    for (i = 0; i < cch - cchPadding; ++i) {
        char c = pszText[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'))
            return -1;
    }
    if (!CryptStringToBinaryA(pszText, (DWORD)cch, CRYPT_STRING_BASE64, pb, &cb, &skipped, &flags)) return -1;
    return (long)cb;
}

int PasswordHash(const char *pPassword, size_t cbPassword, char szHash[PASSWORD_HASH_MAX])
{
    BYTE abSalt[PBKDF2_SALT_SIZE], abKey[PBKDF2_KEY_SIZE];
    int rc = -1;

    szHash[0] = '\0';
    if (BCRYPT_SUCCESS(BCryptGenRandom(NULL, abSalt, sizeof abSalt, BCRYPT_USE_SYSTEM_PREFERRED_RNG)) &&
        DeriveKey(pPassword, cbPassword, abSalt, sizeof abSalt, PBKDF2_ITERATIONS, abKey) == 0) {
        snprintf(szHash, PASSWORD_HASH_MAX, PBKDF2_PREFIX "%lu$", (unsigned long)PBKDF2_ITERATIONS);
        if (AppendBase64(szHash, PASSWORD_HASH_MAX - 1, abSalt, sizeof abSalt) == 0) {
            strcat(szHash, "$");
            rc = AppendBase64(szHash, PASSWORD_HASH_MAX, abKey, sizeof abKey);
        }
    }
    SecureZeroMemory(abKey, sizeof abKey);
    if (rc != 0) szHash[0] = '\0';
    return rc;
}

int PasswordHashVerify(const char *pszHash, const char *pPassword, size_t cbPassword)
{
    BYTE abSalt[PBKDF2_SALT_MAX], abStored[PBKDF2_KEY_SIZE + 3], abKey[PBKDF2_KEY_SIZE];
    const char *pszSalt, *pszKey;
    unsigned long iterations = 0;
    long cbSalt, cbStored;
    unsigned char diff = 0;
    size_t i, cchHash = 0;

    if (pszHash == NULL) return 0;
    while (cchHash < PASSWORD_HASH_MAX && pszHash[cchHash] != '\0') ++cchHash;
    if (cchHash >= PASSWORD_HASH_MAX || strncmp(pszHash, PBKDF2_PREFIX, sizeof PBKDF2_PREFIX - 1) != 0) return 0;
    pszSalt = pszHash + sizeof PBKDF2_PREFIX - 1;
    for (i = 0; *pszSalt >= '0' && *pszSalt <= '9' && i < 9; ++i, ++pszSalt)
        iterations = iterations * 10u + (unsigned long)(*pszSalt - '0');
    if (i == 0 || *pszSalt != '$' || iterations == 0 || iterations > PBKDF2_ITERATIONS_MAX) return 0;
    ++pszSalt;
    pszKey = strchr(pszSalt, '$');
    if (pszKey == NULL) return 0;
    cbSalt = DecodeBase64(pszSalt, (size_t)(pszKey - pszSalt), abSalt, sizeof abSalt);
    ++pszKey;
    cbStored = DecodeBase64(pszKey, strlen(pszKey), abStored, sizeof abStored);
    if (cbSalt <= 0 || cbStored != PBKDF2_KEY_SIZE) return 0;

    if (DeriveKey(pPassword, cbPassword, abSalt, (ULONG)cbSalt, (ULONG)iterations, abKey) != 0) return -1;
    for (i = 0; i < PBKDF2_KEY_SIZE; ++i) diff |= (unsigned char)(abKey[i] ^ abStored[i]);  /* constant time */
    SecureZeroMemory(abKey, sizeof abKey);
    SecureZeroMemory(abStored, sizeof abStored);
    return diff == 0;
}

void PasswordWipe(void *pv, size_t cb)
{
    SecureZeroMemory(pv, cb);
}
