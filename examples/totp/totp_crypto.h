/*
 * totp_crypto.h - the three cryptographic primitives the TOTP example needs,
 * from the platform's own library: OpenSSL's libcrypto on POSIX
 * (totp_crypto_openssl.c), Windows CNG, bcrypt.dll, on Windows
 * (totp_crypto_bcrypt.c). CMake picks the file; the sources have no #ifdef.
 */
#ifndef RASSHOST_EXAMPLES_TOTP_CRYPTO_H
#define RASSHOST_EXAMPLES_TOTP_CRYPTO_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TOTP_SHA1_SIZE 20

/** HMAC-SHA1(key, message) into abMac. 0, or -1 when the library fails. */
int TotpHmacSha1(const unsigned char *pbKey, size_t cbKey, const unsigned char *pbMessage, size_t cbMessage,
                 unsigned char abMac[TOTP_SHA1_SIZE]);

/** Compares cb bytes in a time that does not depend on where they differ:
 *  0 when equal. */
int TotpConstantTimeCompare(const void *pvA, const void *pvB, size_t cb);

/** Zeroes cb bytes in a way the compiler may not remove. */
void TotpWipe(void *pv, size_t cb);

#ifdef __cplusplus
}
#endif

#endif /* RASSHOST_EXAMPLES_TOTP_CRYPTO_H */
