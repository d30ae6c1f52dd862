/*
 * totp_core.h - RFC 4648 base32 decoding and RFC 4226 HOTP / RFC 6238 TOTP
 * codes, for the totp example DLL. HMAC-SHA1 comes from the platform's
 * library (totp_crypto.h: OpenSSL, or CNG on Windows); nothing
 * cryptographic is implemented here.
 *
 * Plain C99, no Win32: unit-testable on its own.
 */
#ifndef RASSHOST_EXAMPLES_TOTP_CORE_H
#define RASSHOST_EXAMPLES_TOTP_CORE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TOTP_KEY_MIN 16      /* bytes: RFC 4226 requires at least 128 bits */
#define TOTP_KEY_MAX 64      /* bytes: one SHA-1 block */
#define TOTP_STEP 30         /* seconds (RFC 6238 default X) */
#define TOTP_T0 0            /* Unix time of counter 0 (RFC 6238 default) */
#define TOTP_DIGITS 6
#define TOTP_WINDOW 1        /* accepted skew, in steps either side */

/** Decodes RFC 4648 base32 (alphabet A-Z 2-7). Decisions:
 *   - lowercase letters are accepted as their uppercase;
 *   - "=" padding is optional, but if present it must be exactly right
 *     (total length a multiple of 8, only "=" after the first "=");
 *   - the data length must be one RFC 4648 allows (8k + 0, 2, 4, 5, 7
 *     characters) and the unused low bits of the last character must be 0;
 *   - anything else (spaces, '0', '1', '8', '9', ...) is an error.
 *  Writes at most cbOut bytes. Returns 0 and the length in *pcbDecoded, or -1
 *  (bad character, bad padding or length, output too small). */
int TotpBase32Decode(const char *pszText, size_t cchText, unsigned char *pbOut, size_t cbOut, size_t *pcbDecoded);

/** RFC 4226 HOTP: HMAC-SHA1(key, counter) dynamically truncated, modulo
 *  10^digits (digits 1..9). Returns 0, or -1 for bad arguments or a
 *  failure of the crypto library. */
int TotpHotp(const unsigned char *pbKey, size_t cbKey, uint64_t counter, unsigned digits, uint32_t *pCode);

/** The RFC 6238 counter of a Unix time: (t - t0) / step. -1 if t < t0 or
 *  step is 0. */
int TotpCounter(uint64_t unixTime, uint64_t t0, unsigned step, uint64_t *pCounter);

/** RFC 6238 TOTP with HMAC-SHA1: HOTP of TotpCounter(unixTime, t0, step). */
int TotpCode(const unsigned char *pbKey, size_t cbKey, uint64_t unixTime, uint64_t t0, unsigned step,
             unsigned digits, uint32_t *pCode);

/** Formats a code with leading zeros into pszOut (digits + 1 bytes). */
void TotpFormat(uint32_t code, unsigned digits, char *pszOut);

/** Checks a typed TOTP_DIGITS-digit code against the counters within
 *  TOTP_WINDOW steps of unixTime's (step TOTP_STEP, T0 TOTP_T0). Every
 *  candidate is computed and compared in constant time, so the time taken
 *  does not depend on which one matched. Returns 1 and the matching counter
 *  (the highest, if several match) in *pCounter, 0 for no match or a typed
 *  string that is not exactly TOTP_DIGITS digits, -1 on failure. */
int TotpVerify(const unsigned char *pbKey, size_t cbKey, uint64_t unixTime, const char *pszTyped,
               uint64_t *pCounter);

#ifdef __cplusplus
}
#endif

#endif /* RASSHOST_EXAMPLES_TOTP_CORE_H */
