/*
 * totp_crypto_openssl.c - totp_crypto.h over OpenSSL's libcrypto (POSIX).
 */
#include "totp_crypto.h"

#include <limits.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

int TotpHmacSha1(const unsigned char *pbKey, size_t cbKey, const unsigned char *pbMessage, size_t cbMessage,
                 unsigned char abMac[TOTP_SHA1_SIZE])
{
    unsigned char abOut[EVP_MAX_MD_SIZE];
    unsigned int cbOut = 0, i;

    if (cbKey > INT_MAX) return -1;
    if (HMAC(EVP_sha1(), pbKey, (int)cbKey, pbMessage, cbMessage, abOut, &cbOut) == NULL || cbOut != TOTP_SHA1_SIZE) {
        OPENSSL_cleanse(abOut, sizeof abOut);
        return -1;
    }
    for (i = 0; i < TOTP_SHA1_SIZE; ++i) abMac[i] = abOut[i];
    OPENSSL_cleanse(abOut, sizeof abOut);
    return 0;
}

int TotpConstantTimeCompare(const void *pvA, const void *pvB, size_t cb)
{
    return CRYPTO_memcmp(pvA, pvB, cb) == 0 ? 0 : 1;
}

void TotpWipe(void *pv, size_t cb)
{
    OPENSSL_cleanse(pv, cb);
}
