/*
 * init.c - /init of the bench boot archive (build/gcc/bench.cpio): runs
 * each benchmark in /boot/bench in turn, fork+exec+wait, and exits.  The
 * programs print their own `bench NAME ITER NS` lines on the console;
 * init adds `benchfail NAME: why` for one that cannot start or ends with
 * an exit message, and a `luxbench:` line with the time before each, so a
 * hang in the serial log shows where it happened.  tools/luxbench.sh boots
 * it and reads the log.
 */
#include <u.h>
#include <libc.h>

/* Linux's order (tools/linuxbench.sh); benchexec is forkexec's child, not a benchmark. */
static char *benches[] = { "nullsys", "forkexit", "forkexec", "pagefault" };

/* Runs /boot/bench/NAME; 0 if it exited cleanly. */
static int
run(char *name)
{
	char path[64], *argv[2];
	Waitmsg *w;
	int pid, bad;

	snprint(path, sizeof path, "/boot/bench/%s", name);
	print("luxbench: start %s at %lld ms\n", name, nsec() / 1000000);
	pid = rfork(RFPROC|RFFDG);
	if(pid < 0){
		print("benchfail %s: rfork: %r\n", name);
		return -1;
	}
	if(pid == 0){
		argv[0] = name;
		argv[1] = nil;
		exec(path, argv);
		exits(smprint("exec %s: %r", path));
	}
	w = wait();
	if(w == nil){
		print("benchfail %s: wait: %r\n", name);
		return -1;
	}
	bad = w->msg[0] != 0;
	if(bad)
		print("benchfail %s: ended with '%s'\n", name, w->msg);
	free(w);
	return bad ? -1 : 0;
}

void
main(void)
{
	int i, failed;

	failed = 0;
	for(i = 0; i < (int)nelem(benches); i++)
		if(run(benches[i]) < 0)
			failed++;
	print("luxbench: done at %lld ms\n", nsec() / 1000000);
	exits(failed ? "benchfail" : nil);
}
