/*
 * kstring.h - the mem* and str* functions lib/ code may use.
 * In the kernel they come from lib/string.c; on the host from libc.
 */
#ifndef LUX9_KSTRING_H
#define LUX9_KSTRING_H

#ifdef LUX9_HOSTED
#include <string.h>
#else
#include "u.h"
void *memset(void *d, int c, size_t n);
void *memcpy(void *restrict d, const void *restrict s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
#endif

#endif
