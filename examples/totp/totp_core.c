/*
 * totp_core.c - see totp_core.h.
 */
#include "totp_core.h"

#include "totp_crypto.h"

#include <string.h>

/* Value of a base32 character, or -1. */
static int Base32Value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= '2' && c <= '7') return c - '2' + 26;
    return -1;
}

int TotpBase32Decode(const char *pszText, size_t cchText, unsigned char *pbOut, size_t cbOut, size_t *pcbDecoded)
{
    size_t cchData = 0, i, cbNeeded, cbWritten = 0;
    unsigned int uBits = 0;   /* pending bits, at most 12 */
    int cBits = 0;

    *pcbDecoded = 0;
    /* Data characters, then optional padding: all '=' to the end. */
    while (cchData < cchText && pszText[cchData] != '=') ++cchData;
    for (i = cchData; i < cchText; ++i)
        if (pszText[i] != '=') return -1;
    if (cchData < cchText) {                         /* padded */
        if (cchText % 8 != 0 || cchText - cchData >= 8) return -1;
    }
    switch (cchData % 8) {                           /* lengths RFC 4648 can produce */
    case 0: case 2: case 4: case 5: case 7: break;
    default: return -1;
    }
    cbNeeded = cchData / 8 * 5 + (cchData % 8) * 5 / 8;
    if (cbNeeded > cbOut) return -1;

    for (i = 0; i < cchData; ++i) {
        int value = Base32Value((unsigned char)pszText[i]);
        if (value < 0) return -1;
        uBits = (uBits << 5) | (unsigned int)value;
        cBits += 5;
        if (cBits >= 8) {
            cBits -= 8;
            pbOut[cbWritten++] = (unsigned char)(uBits >> cBits);
            uBits &= (1u << cBits) - 1u;
        }
    }
    if (uBits != 0) {                                /* non-canonical trailing bits */
        TotpWipe(pbOut, cbWritten);
        return -1;
    }
    *pcbDecoded = cbWritten;
    return 0;
}

int TotpHotp(const unsigned char *pbKey, size_t cbKey, uint64_t counter, unsigned digits, uint32_t *pCode)
{
    unsigned char abCounter[8], abMac[TOTP_SHA1_SIZE];
    unsigned int offset;
    uint32_t binary, modulus = 1;
    int i;

    if (pbKey == NULL || cbKey == 0 || cbKey > TOTP_KEY_MAX || digits < 1 || digits > 9 || pCode == NULL) return -1;
    for (i = 7; i >= 0; --i) {                       /* big-endian counter */
        abCounter[i] = (unsigned char)(counter & 0xFFu);
        counter >>= 8;
    }
    if (TotpHmacSha1(pbKey, cbKey, abCounter, sizeof abCounter, abMac) != 0) return -1;
    offset = abMac[19] & 0x0Fu;                      /* RFC 4226 5.3 dynamic truncation */
    binary = ((uint32_t)(abMac[offset] & 0x7Fu) << 24) | ((uint32_t)abMac[offset + 1] << 16) |
             ((uint32_t)abMac[offset + 2] << 8) | (uint32_t)abMac[offset + 3];
    TotpWipe(abMac, sizeof abMac);
    while (digits-- > 0) modulus *= 10u;
    *pCode = binary % modulus;
    return 0;
}

int TotpCounter(uint64_t unixTime, uint64_t t0, unsigned step, uint64_t *pCounter)
{
    if (step == 0 || unixTime < t0) return -1;
    *pCounter = (unixTime - t0) / step;
    return 0;
}

int TotpCode(const unsigned char *pbKey, size_t cbKey, uint64_t unixTime, uint64_t t0, unsigned step,
             unsigned digits, uint32_t *pCode)
{
    uint64_t counter;
    if (TotpCounter(unixTime, t0, step, &counter) != 0) return -1;
    return TotpHotp(pbKey, cbKey, counter, digits, pCode);
}

void TotpFormat(uint32_t code, unsigned digits, char *pszOut)
{
    unsigned i;
    for (i = digits; i > 0; --i) {
        pszOut[i - 1] = (char)('0' + code % 10u);
        code /= 10u;
    }
    pszOut[digits] = '\0';
}

int TotpVerify(const unsigned char *pbKey, size_t cbKey, uint64_t unixTime, const char *pszTyped,
               uint64_t *pCounter)
{
    char szCandidate[TOTP_DIGITS + 1];
    uint64_t now, counter, first, last;
    int fMatch = 0, i;

    for (i = 0; i < TOTP_DIGITS; ++i)
        if (pszTyped[i] < '0' || pszTyped[i] > '9') return 0;
    if (pszTyped[TOTP_DIGITS] != '\0') return 0;
    if (TotpCounter(unixTime, TOTP_T0, TOTP_STEP, &now) != 0) return -1;

    first = now >= TOTP_WINDOW ? now - TOTP_WINDOW : 0;
    last = now + TOTP_WINDOW;
    for (counter = first; counter <= last; ++counter) {
        uint32_t code;
        if (TotpHotp(pbKey, cbKey, counter, TOTP_DIGITS, &code) != 0) return -1;
        TotpFormat(code, TOTP_DIGITS, szCandidate);
        if (TotpConstantTimeCompare(szCandidate, pszTyped, TOTP_DIGITS) == 0) {
            fMatch = 1;
            *pCounter = counter;   /* ascending: the highest match wins */
        }
    }
    TotpWipe(szCandidate, sizeof szCandidate);
    return fMatch;
}
