/*
 * readn.c - read until n bytes, end of file or an error (a pipe or 9P
 * server may hand back less than asked).  Returns the bytes read, or
 * read's own answer (0 or -1) if that was nothing.
 */
#include "../include/u.h"
#include "../include/libc.h"

long
readn(int fd, void *buf, long n)
{
	long got, m;

	for(got = 0; got < n; got += m){
		m = read(fd, (char *)buf + got, n - got);
		if(m <= 0)
			return got > 0 ? got : m;
	}
	return got;
}
