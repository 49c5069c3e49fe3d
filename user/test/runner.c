/*
 * runner.c - /boot/init of the test boot archive: runs every program in
 * /boot/test, one at a time, and turns their exit messages ("ok N",
 * "fail F of N", or a note that killed them) into the harness's closing
 * line.  Each program prints its own result lines.
 */
#include <u.h>
#include <libc.h>

static int pass, fail;

static void
run(char *name)
{
	char path[128], *argv[2];
	Waitmsg *w;
	int pid, n, f;

	snprint(path, sizeof path, "/boot/test/%s", name);
	pid = rfork(RFPROC | RFFDG);
	if(pid < 0){
		print("selftest: FAIL %s: rfork: %r\n", name);
		fail++;
		return;
	}
	if(pid == 0){
		argv[0] = name;
		argv[1] = nil;
		exec(path, argv);
		exits(smprint("exec %s: %r", path));
	}
	w = wait();
	if(w == nil){
		print("selftest: FAIL %s: wait: %r\n", name);
		fail++;
		return;
	}
	if(strncmp(w->msg, "ok ", 3) == 0)
		pass += atoi(w->msg + 3);
	else if(strncmp(w->msg, "fail ", 5) == 0){
		f = atoi(w->msg + 5);
		n = atoi(strstr(w->msg, " of ") != nil ? strstr(w->msg, " of ") + 4 : "0");
		fail += f;
		pass += n - f;
	}else{
		print("selftest: FAIL %s: ended with '%s'\n", name, w->msg);
		fail++;
	}
	free(w);
}

void
main(void)
{
	Dir *d;
	int fd, n, i, j;
	Dir t;

	print("selftest: begin user\n");
	fd = open("/boot/test", OREAD);
	if(fd < 0){
		print("selftest: FAIL runner: open /boot/test: %r\n");
		exits("no tests");
	}
	n = dirreadall(fd, &d);
	close(fd);
	for(i = 1; i < n; i++)		/* by name, so runs repeat */
		for(j = i; j > 0 && strcmp(d[j - 1].name, d[j].name) > 0; j--){
			t = d[j];
			d[j] = d[j - 1];
			d[j - 1] = t;
		}
	for(i = 0; i < n; i++)
		run(d[i].name);
	print("selftest: done %d passed, %d failed\n", pass, fail);
	exits(fail ? "fail" : nil);
}
