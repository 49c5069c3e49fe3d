/*
 * u.h - the basic types of Lux9 userspace, as Plan 9 names them.
 * The sized types (u8int..., vlong, uvlong, uintptr, nil, nelem) come from
 * lib/u.h, which the kernel and lib/ code share, so both agree on them.
 * Every program starts with #include <u.h> then #include <libc.h>.
 */
#ifndef LUX9_USER_U_H
#define LUX9_USER_U_H

#include "../../lib/u.h"

typedef unsigned char	uchar;
typedef signed char	schar;
typedef unsigned short	ushort;
typedef unsigned int	uint;
typedef unsigned long	ulong;
typedef intptr_t	intptr;
typedef size_t		usize;
typedef u32int		Rune;	/* a Unicode code point, 0..Runemax */

/* Tell the compiler a variable is used, or set, on purpose (Plan 9's pragmas). */
#define USED(x)	((void)(x))
#define SET(x)	((void)&(x))

#endif
