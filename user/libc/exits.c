/*
 * exits.c - ending a process: atexit handlers, exits, abort, sysfatal.
 * Handlers run in whichever process calls exits, last registered first;
 * a child made by fork inherits its parent's (docs/libc.md).
 */
#include "../include/u.h"
#include "../include/libc.h"

enum { NEXIT = 33 };	/* Plan 9's number of handlers */

char *argv0;

static void (*onexit[NEXIT])(void);
static int nexit;

int
atexit(void (*f)(void))
{
	if(nexit == NEXIT)
		return 0;
	onexit[nexit++] = f;
	return 1;
}

/* Forget every registration of f. */
void
atexitdont(void (*f)(void))
{
	int i, j;

	for(i = j = 0; i < nexit; i++)
		if(onexit[i] != f)
			onexit[j++] = onexit[i];
	nexit = j;
}

void
exits(const char *msg)
{
	void (*f)(void);

	/* a handler is forgotten before it runs, so one that calls exits does not loop */
	while(nexit > 0){
		f = onexit[--nexit];
		f();
	}
	_exits(msg);
}

/* Ends the process at once, without the atexit handlers: the state they would see is broken. */
void
abort(void)
{
	static const char msg[] = "abort\n";

	write(2, msg, sizeof msg - 1);
	_exits("abort");
}

void
sysfatal(const char *fmt, ...)
{
	char buf[ERRMAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprint(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if(argv0 != nil)
		fprint(2, "%s: %s\n", argv0, buf);
	else
		fprint(2, "%s\n", buf);
	exits(buf);
}
