/*
 * notetest.c - notes sent through /proc: kill ends a spinning process,
 * interrupt reaches a handler and interrupts a sleep, notepg reaches a
 * whole note group, and notes to processes that are gone fail cleanly.
 */
#include <u.h>
#include <libc.h>
#include "t.h"

static int
procwrite(int pid, char *file, char *msg)
{
	char path[64];
	int fd, r;

	snprint(path, sizeof path, "/proc/%d/%s", pid, file);
	fd = open(path, OWRITE);
	if(fd < 0)
		return -1;
	r = write(fd, msg, strlen(msg));
	close(fd);
	return r < 0 ? -1 : 0;
}

static int
alive(int pid)
{
	char path[64];
	Dir *d;

	snprint(path, sizeof path, "/proc/%d/status", pid);
	d = dirstat(path);
	free(d);
	return d != nil;
}

static void
spin(void)
{
	for(;;)
		;
}

static char *
kill_ends_spinner(void)
{
	char *m;
	int pid;

	pid = spawn(spin, RFFDG);
	if(!alive(pid))
		return "the spinner has no /proc directory";
	if(procwrite(pid, "ctl", "kill") < 0)
		return smprint("write kill: %r");
	m = waitmsg();
	if(strcmp(m, "kill") != 0)
		return smprint("spinner ended with '%s'", m);
	if(alive(pid))
		return "/proc still lists the dead spinner";
	return nil;
}

static void
oninterrupt(void *ureg, char *note)
{
	(void)ureg;
	if(strcmp(note, "interrupt") == 0)
		exits("handled interrupt");
	noted(NDFLT);
}

static void
sleeper(void)
{
	notify(oninterrupt);
	sleep(100000);
	exits("sleep was not interrupted");
}

static char *
interrupt_to_handler(void)
{
	char *m;
	int pid;

	pid = spawn(sleeper, RFFDG);
	sleep(20);		/* let it get to sleep */
	if(procwrite(pid, "note", "interrupt") < 0)
		return smprint("write note: %r");
	m = waitmsg();
	if(strcmp(m, "handled interrupt") != 0)
		return smprint("sleeper ended with '%s'", m);
	return nil;
}

static int gfd[2];

static void
groupleader(void)
{
	int pid;

	pid = spawn(spin, RFFDG);
	fprint(gfd[1], "%d", pid);
	sleep(100000);
	exits("not killed");
}

static char *
notepg_reaches_group(void)
{
	char buf[32], *m;
	int leader, member, n, i;

	if(pipe(gfd) < 0)
		return smprint("pipe: %r");
	leader = spawn(groupleader, RFFDG | RFNOTEG);
	n = read(gfd[0], buf, sizeof buf - 1);
	if(n <= 0)
		return "no member pid from the leader";
	buf[n] = 0;
	member = atoi(buf);
	if(procwrite(leader, "notepg", "kill") < 0)
		return smprint("write notepg: %r");
	m = waitmsg();
	if(strcmp(m, "kill") != 0)
		return smprint("leader ended with '%s'", m);
	for(i = 0; i < 100 && alive(member); i++)
		sleep(10);
	if(alive(member))
		return "the group's other member survived";
	if(alive(getpid()) == 0)
		return "the sender was in the group";
	close(gfd[0]);
	close(gfd[1]);
	return nil;
}

static char *
bad_notes(void)
{
	char e[ERRMAX];
	int fd;

	if(procwrite(99999, "note", "kill") != -1)
		return "a note to pid 99999 was accepted";
	if(procwrite(getpid(), "ctl", "explode") != -1)
		return "an unknown control message was accepted";
	rerrstr(e, sizeof e);
	if(strstr(e, "unknown control message") == nil)
		return smprint("bad ctl said '%s'", e);
	fd = open(smprint("/proc/%d/note", getpid()), OREAD);
	if(fd >= 0)
		return "note opened for reading";
	return nil;
}

void
main(void)
{
	check("note_kill_ends_a_spinning_process", kill_ends_spinner());
	check("note_interrupt_reaches_handler_and_interrupts_sleep", interrupt_to_handler());
	check("note_notepg_reaches_the_note_group", notepg_reaches_group());
	check("note_bad_targets_and_messages_fail", bad_notes());
	tdone();
}
