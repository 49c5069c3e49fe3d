/*
 * getpid.c - the process's and its parent's ids, from /dev/pid and
 * /dev/ppid as in Plan 9.
 */
#include <u.h>
#include <libc.h>

static int
readint(char *file)
{
	char buf[32];
	int fd, n;

	fd = open(file, OREAD);
	if(fd < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(n <= 0)
		return -1;
	buf[n] = 0;
	return atoi(buf);
}

int
getpid(void)
{
	return readint("/dev/pid");
}

int
getppid(void)
{
	return readint("/dev/ppid");
}
