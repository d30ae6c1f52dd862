/* <tchar.h> for legacy sources on POSIX: the ANSI (_MBCS-less) generic-text
 * mappings. POSIX builds are ANSI, so every _t name is the char function.
 * Added to the include path by the rasshost::compat CMake target. */
#ifndef RASSHOST_COMPAT_TCHAR_H
#define RASSHOST_COMPAT_TCHAR_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <rasshost/win32.h>

#define _T(x) x
#define _TEXT(x) x
#define __T(x) x
typedef char _TCHAR;
typedef unsigned char _TUCHAR;
typedef char _TSCHAR;
#define _tmain main
#define _tcscpy strcpy
#define _tcsncpy strncpy
#define _tcscat strcat
#define _tcsncat strncat
#define _tcslen strlen
#define _tcscmp strcmp
#define _tcsncmp strncmp
#define _tcsicmp strcasecmp
#define _tcsnicmp strncasecmp
#define _tcschr strchr
#define _tcsrchr strrchr
#define _tcsstr strstr
#define _tcstok strtok
#define _tcsdup strdup
#define _tcstol strtol
#define _tcstoul strtoul
#define _ttoi atoi
#define _ttol atol
#define _stprintf sprintf
#define _sntprintf snprintf
#define _tprintf printf
#define _ftprintf fprintf
#define _vstprintf vsprintf
#define _vsntprintf vsnprintf
#define _tfopen fopen
#define _fgetts fgets
#define _fputts fputs
#define _istdigit isdigit
#define _istspace isspace
#define _istalpha isalpha
#define _istalnum isalnum
#define _totupper toupper
#define _totlower tolower
#define _istupper isupper
#define _istlower islower
#define _istprint isprint
#define _istpunct ispunct
#define _istxdigit isxdigit
#define _istcntrl iscntrl
#define _istgraph isgraph
#define _tcsclen strlen
#define _tcsnccpy strncpy
#define _tcsspn strspn
#define _tcscspn strcspn
#define _tcspbrk strpbrk
#define _tcscoll strcoll
#define _tcserror strerror
#define _tcstod strtod
#define _tcsftime strftime
#define _stscanf sscanf
#define _tscanf scanf
#define _ftscanf fscanf
#define _fgettc fgetc
#define _fputtc fputc
#define _gettchar getchar
#define _puttchar putchar
#define _tgetenv getenv
#define _tsystem system
#define _tremove remove
#define _trename rename
#define _TEOF EOF
#endif /* RASSHOST_COMPAT_TCHAR_H */
