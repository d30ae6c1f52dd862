/* The greeter's prompt. The file is Greeter_Prompt.h and greeter_security.c
 * includes "greeter_prompt.h", as Windows sources often do: found on a
 * case-sensitive file system through rasshost_legacy_sources (CMakeLists.txt). */
#ifndef GREETER_PROMPT_H
#define GREETER_PROMPT_H
#define GREETER_PROMPT "Name: "
#endif
