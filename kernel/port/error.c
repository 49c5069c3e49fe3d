/*
 * error.c - the system call error discipline (Plan 9's): a path that can
 * fail calls error("why"), which unwinds to the innermost waserror() of
 * the process; the system call returns -1 and the process's error string
 * says why.  Code that holds resources does
 *	if(waserror()){ release; nexterror(); }
 *	...
 *	poperror();
 */
#include "portfns.h"
#include "fns.h"

void
error(const char *msg)
{
	if(msg != nil)
		snprint(up->errstr, sizeof up->errstr, "%s", msg);
	nexterror();
}

void
nexterror(void)
{
	if(up->nerrlab <= 0)
		panic("error: '%s' with no waserror", up->errstr);
	gotolabel(&up->errlab[--up->nerrlab]);
}
