/*
 * log_text.c - see log_text.h.
 */
#include "log_text.h"

/* Length of the valid UTF-8 character at pb (1..4 bytes), or 0 when the
 * bytes there are not one (overlong forms, surrogates, beyond U+10FFFF and
 * C1 characters count as invalid: they are escaped byte by byte). */
static DWORD Utf8Length(const BYTE *pb)
{
    BYTE b = pb[0];
    DWORD cb, i;
    DWORD dwChar;

    if (b >= 0xC2 && b <= 0xDF) { cb = 2; dwChar = b & 0x1Fu; }
    else if (b >= 0xE0 && b <= 0xEF) { cb = 3; dwChar = b & 0x0Fu; }
    else if (b >= 0xF0 && b <= 0xF4) { cb = 4; dwChar = b & 0x07u; }
    else return 0;
    for (i = 1; i < cb; ++i) {
        if ((pb[i] & 0xC0) != 0x80) return 0;   /* also stops at the NUL */
        dwChar = (dwChar << 6) | (pb[i] & 0x3Fu);
    }
    if (dwChar <= 0x9F) return 0;                           /* C1, or overlong */
    if ((cb == 3 && dwChar < 0x800) || (cb == 4 && dwChar < 0x10000)) return 0;
    if ((dwChar >= 0xD800 && dwChar <= 0xDFFF) || dwChar > 0x10FFFF) return 0;
    return cb;
}

LPSTR LogEscape(LPCSTR psz, LPSTR pszOut, DWORD cchOut)
{
    static const char szHex[] = "0123456789abcdef";
    const BYTE *pb = (const BYTE *)psz;
    DWORD ich = 0;

    while (*pb != 0) {
        CHAR ach[4];
        DWORD cch = 0, cbKeep = Utf8Length(pb);
        const BYTE *pbFrom = pb;

        if (*pb >= 0x20 && *pb <= 0x7E) {
            if (*pb == '"' || *pb == '\\') ach[cch++] = '\\';
            ach[cch++] = (CHAR)*pb;
            cbKeep = 0;
            ++pb;
        } else if (cbKeep > 0) {
            pb += cbKeep;
        } else {
            ach[cch++] = '\\';
            ach[cch++] = 'x';
            ach[cch++] = szHex[*pb >> 4];
            ach[cch++] = szHex[*pb & 0x0F];
            ++pb;
        }
        if (ich + cch + cbKeep + 1 > cchOut) break;   /* never cut an escape in two */
        CopyMemory(pszOut + ich, cbKeep > 0 ? (const void *)pbFrom : (const void *)ach, cbKeep > 0 ? cbKeep : cch);
        ich += cbKeep > 0 ? cbKeep : cch;
    }
    if (cchOut > 0) pszOut[ich] = '\0';
    return pszOut;
}
