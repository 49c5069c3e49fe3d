/*
 * cmdline.h - reading the kernel command line.
 *
 * The command line is tokens separated by blanks (space, tab, newline):
 * `key=value` or a bare `flag`.  There is no quoting, so a value holds no
 * blanks; everything after the first '=' is the value, '=' included.
 * When a key appears more than once the last occurrence wins, so a
 * setting appended by the user overrides one the boot script put first.
 *
 * Options the kernel understands:
 *	test=NAME,NAME,...|all	run the named in-kernel self tests
 *	log=quiet|info|debug	console verbosity
 */
#ifndef LUX9_CMDLINE_H
#define LUX9_CMDLINE_H

#include "u.h"

/*
 * Find key in cmdline and copy its value to val (nval bytes, always NUL
 * terminated when nval > 0; a bare flag has the empty value).
 * Returns 1 when found, 0 when absent (val is then ""), and -1 when found
 * but the value did not fit: val then holds its first nval-1 bytes.
 * A nil cmdline is an empty one; an empty key is never present.
 */
int cmdlineget(const char *cmdline, const char *key, char *val, size_t nval);

/*
 * Is item in the comma-separated list (e.g. the value of test=)?
 * An element "all" matches every item; an empty item matches nothing.
 */
int cmdlinehas(const char *list, const char *item);

#endif
