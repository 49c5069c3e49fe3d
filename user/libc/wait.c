/*
 * wait.c - wait and waitpid over the await system call, whose text is
 *	pid user-ms sys-ms real-ms 'message'
 * (the message may itself contain quotes: it runs to the last one).
 */
#include <u.h>
#include <libc.h>

static int
parsewait(char *buf, int n, Waitmsg *w)
{
	char *p, *e, *q;
	int i;

	buf[n] = 0;
	p = buf;
	w->pid = strtol(p, &e, 10);
	if(e == p)
		return -1;
	for(i = 0; i < 3; i++){
		p = e;
		w->time[i] = strtoul(p, &e, 10);
		if(e == p)
			return -1;
	}
	p = strchr(e, '\'');
	q = strrchr(e, '\'');
	if(p == nil || q == p)
		return -1;
	*q = 0;
	w->msg = p + 1;
	return 0;
}

/* The next child to end, or nil (no children, or interrupted): free() the result. */
Waitmsg *
wait(void)
{
	char buf[ERRMAX + 80];
	Waitmsg *w;
	int n;

	n = await(buf, sizeof buf - 1);
	if(n < 0)
		return nil;
	w = malloc(sizeof *w + n + 1);
	if(w == nil)
		return nil;
	memmove((char *)(w + 1), buf, n + 1);
	if(parsewait((char *)(w + 1), n, w) < 0){
		free(w);
		werrstr("wait: malformed await text");
		return nil;
	}
	return w;
}

/* Wait for any child; its pid, or -1. */
int
waitpid(void)
{
	Waitmsg *w;
	int pid;

	w = wait();
	if(w == nil)
		return -1;
	pid = w->pid;
	free(w);
	return pid;
}
