/*
 * le.h - little-endian fields of byte arrays, read and written a byte at a
 * time: firmware tables, ELF headers and 9P/stat entries are unaligned
 * bytes, and casting them to wider types would be undefined behaviour.
 */
#ifndef LUX9_LE_H
#define LUX9_LE_H

#include "u.h"

static inline u16int
get16(const u8int *p)
{
	return p[0] | (u16int)p[1] << 8;
}

static inline u32int
get32(const u8int *p)
{
	return p[0] | (u32int)p[1] << 8 | (u32int)p[2] << 16 | (u32int)p[3] << 24;
}

static inline u64int
get64(const u8int *p)
{
	return get32(p) | (u64int)get32(p + 4) << 32;
}

static inline void
put16(u8int *p, u16int v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static inline void
put32(u8int *p, u32int v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

static inline void
put64(u8int *p, u64int v)
{
	put32(p, v);
	put32(p + 4, v >> 32);
}

#endif
