/*
 * totp_crypto_bcrypt.c - totp_crypto.h over Windows CNG (bcrypt.dll), so the
 * Windows build needs no third-party library.
 */
#include "totp_crypto.h"

#include <windows.h>
#include <bcrypt.h>

int TotpHmacSha1(const unsigned char *pbKey, size_t cbKey, const unsigned char *pbMessage, size_t cbMessage,
                 unsigned char abMac[TOTP_SHA1_SIZE])
{
    BCRYPT_ALG_HANDLE hAlgorithm = NULL;
    BCRYPT_HASH_HANDLE hHash = NULL;
    NTSTATUS status;

    if (cbKey > MAXDWORD || cbMessage > MAXDWORD) return -1;
    status = BCryptOpenAlgorithmProvider(&hAlgorithm, BCRYPT_SHA1_ALGORITHM, NULL, BCRYPT_ALG_HANDLE_HMAC_FLAG);
    if (BCRYPT_SUCCESS(status))
        status = BCryptCreateHash(hAlgorithm, &hHash, NULL, 0, (PUCHAR)pbKey, (ULONG)cbKey, 0);
    if (BCRYPT_SUCCESS(status)) status = BCryptHashData(hHash, (PUCHAR)pbMessage, (ULONG)cbMessage, 0);
    if (BCRYPT_SUCCESS(status)) status = BCryptFinishHash(hHash, abMac, TOTP_SHA1_SIZE, 0);
    if (hHash != NULL) BCryptDestroyHash(hHash);
    if (hAlgorithm != NULL) BCryptCloseAlgorithmProvider(hAlgorithm, 0);
    if (!BCRYPT_SUCCESS(status)) {
        SecureZeroMemory(abMac, TOTP_SHA1_SIZE);
        return -1;
    }
    return 0;
}

int TotpConstantTimeCompare(const void *pvA, const void *pvB, size_t cb)
{
    const volatile unsigned char *pa = (const volatile unsigned char *)pvA;
    const volatile unsigned char *pb = (const volatile unsigned char *)pvB;
    unsigned char diff = 0;
    size_t i;

    for (i = 0; i < cb; ++i) diff |= (unsigned char)(pa[i] ^ pb[i]);
    return diff != 0;
}

void TotpWipe(void *pv, size_t cb)
{
    SecureZeroMemory(pv, cb);
}
