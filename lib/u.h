/*
 * u.h - the basic types shared by the kernel, Lux9 userspace and host code.
 * Only freestanding headers are used, so this builds everywhere.
 */
#ifndef LUX9_U_H
#define LUX9_U_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8int;
typedef uint16_t u16int;
typedef uint32_t u32int;
typedef uint64_t u64int;
typedef uintptr_t uintptr;
typedef long long vlong;
typedef unsigned long long uvlong;

#ifndef nil
#define nil ((void *)0)
#endif

#define nelem(x) (sizeof(x) / sizeof((x)[0]))

/*
 * Physread gives parsers of firmware data (Multiboot, ACPI) a bounded view
 * of physical memory: it returns a pointer to len readable bytes at physical
 * address pa, or nil when any byte of [pa, pa+len) is outside what the
 * caller allows. Parsers never touch memory the callback did not hand out.
 */
typedef const void *Physread(void *arg, u64int pa, size_t len);

#endif
