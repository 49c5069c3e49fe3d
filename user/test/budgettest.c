/*
 * budgettest.c - budgets stop a fork bomb and a memory hog inside a
 * sub-budget, with errors that name the budget, and everything outside
 * it carries on.
 */
#include <u.h>
#include <libc.h>
#include "t.h"

static int
setbudget(char *limits)
{
	int fd, r;

	fd = open("/dev/budget", OWRITE);
	if(fd < 0)
		return -1;
	r = write(fd, limits, strlen(limits));
	close(fd);
	return r < 0 ? -1 : 0;
}

static void
napper(void)
{
	sleep(200);
	exits(nil);
}

/* A sub-budget of 16 processes, then 300 forks as fast as possible. */
static void
bomb(void)
{
	char e[ERRMAX];
	int i, ok, refused, named;

	if(setbudget("processes 16") < 0)
		exits(smprint("setting the budget: %r"));
	ok = refused = named = 0;
	for(i = 0; i < 300; i++){
		if(spawn(napper, RFFDG) >= 0){
			ok++;
			continue;
		}
		refused++;
		rerrstr(e, sizeof e);
		if(strcmp(e, "budget exceeded: processes") == 0)
			named++;
	}
	while(waitpid() >= 0)
		;
	if(refused == 0)
		exits("no fork was refused");
	if(named != refused)
		exits("a refusal did not name the budget");
	if(ok < 15)
		exits(smprint("only %d forks succeeded", ok));
	exits(nil);
}

static char *
fork_bomb_stopped(void)
{
	char *m;

	spawn(bomb, RFFDG);
	m = waitmsg();
	if(m[0] != 0)
		return m;
	if(spawn(napper, RFFDG) < 0)	/* our own budget is untouched */
		return smprint("after the bomb, rfork: %r");
	waitmsg();
	return nil;
}

static void
hog(void)
{
	uchar *p;
	long i;

	for(;;){
		p = malloc(1 << 20);
		if(p == nil)
			exits(smprint("malloc: %r"));
		for(i = 0; i < 1 << 20; i += 4096)
			p[i] = 1;
	}
}

static void
hogparent(void)
{
	if(setbudget("memory 1024") < 0)	/* 4 MiB */
		exits(smprint("setting the budget: %r"));
	spawn(hog, RFFDG);
	exits(waitmsg());
}

static char *
memory_hog_stopped(void)
{
	char *m;
	vlong f0, f1;

	f0 = freepages();
	spawn(hogparent, RFFDG);
	m = waitmsg();
	if(strstr(m, "budget exceeded: memory") == nil)
		return smprint("hog ended with '%s'", m);
	f1 = freepages();
	if(f1 < f0 - 64)
		return smprint("%lld pages free before the hog, %lld after", f0, f1);
	return nil;
}

/* used and limit of one resource, from /dev/budget */
static int
budgetof(char *what, vlong *used, vlong *limit)
{
	char buf[256], *p;
	int fd, n;

	fd = open("/dev/budget", OREAD);
	if(fd < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, what);
	if(p == nil)
		return -1;
	p += strlen(what) + 1;
	*used = strtoll(p, &p, 10);
	if(*p++ != '/')
		return -1;
	*limit = strtoll(p, nil, 10);
	return 0;
}

/* Fill its own pipe with 8 KiB messages until the budget says no. */
static void
pipefiller(void)
{
	char buf[8192], e[ERRMAX];
	vlong used, limit;
	int fd[2], i;

	if(pipe(fd) < 0)
		exits(smprint("pipe: %r"));
	if(budgetof("memory", &used, &limit) < 0)
		exits("cannot read /dev/budget");
	if(limit - used >= 24)	/* 8 messages (the pipe's 64 KiB) take 24 pages */
		exits(smprint("budget too loose to test: %lld of %lld used", used, limit));
	memset(buf, 'x', sizeof buf);
	alarm(2000);		/* if the pipe filled first, write would block */
	for(i = 0; i < 8; i++)
		if(write(fd[1], buf, sizeof buf) < 0){
			rerrstr(e, sizeof e);
			exits(strcmp(e, "budget exceeded: memory") == 0 ? nil : smprint("write said '%s'", e));
		}
	exits("eight messages fitted in the budget");
}

static void
pipeparent(void)
{
	/* a child's own memory is about 14 pages (its page arrays, stack, data) */
	if(setbudget("memory 30") < 0)
		exits(smprint("setting the budget: %r"));
	spawn(pipefiller, RFFDG);
	exits(waitmsg());
}

static char *
pipe_buffers_charged(void)
{
	char *m;

	spawn(pipeparent, RFFDG);
	m = waitmsg();
	if(m[0] != 0)
		return m;
	return nil;
}

static char *
budget_file(void)
{
	char buf[256], e[ERRMAX];
	int fd, n;

	fd = open("/dev/budget", OREAD);
	if(fd < 0)
		return smprint("open: %r");
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(n <= 0)
		return "empty read";
	buf[n] = 0;
	if(strncmp(buf, "memory ", 7) != 0 || strstr(buf, " processes ") == nil || strstr(buf, " channels ") == nil)
		return smprint("read '%s'", buf);
	if(setbudget("memory lots") != -1)
		return "a non-numeric limit was accepted";
	rerrstr(e, sizeof e);
	if(strstr(e, "must be a number") == nil)
		return smprint("bad limit said '%s'", e);
	if(setbudget("gold 5") != -1)
		return "an unknown resource was accepted";
	if(setbudget("inherit") < 0)
		return smprint("inherit: %r");
	return nil;
}

void
main(void)
{
	check("budget_file_reports_and_checks", budget_file());
	check("budget_stops_fork_bomb", fork_bomb_stopped());
	check("budget_stops_memory_hog", memory_hog_stopped());
	check("budget_charges_pipe_buffers", pipe_buffers_charged());
	tdone();
}
