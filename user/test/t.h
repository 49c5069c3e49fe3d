/*
 * t.h - what the libc-based test programs share: one result line per test
 * in the harness's format, and the exit message the runner reads the
 * counts from ("ok N" or "fail F of N").
 */
static int tpass, tfail;

static void
check(char *name, char *err)
{
	if(err == nil){
		print("selftest: ok %s\n", name);
		tpass++;
	}else{
		print("selftest: FAIL %s: %s\n", name, err);
		tfail++;
	}
}

static void
tdone(void)
{
	if(tfail > 0)
		exits(smprint("fail %d of %d", tfail, tpass + tfail));
	exits(smprint("ok %d", tpass));
}

/* Fork a child running fn; returns its pid (the child never returns). */
static __attribute__((unused)) int
spawn(void (*fn)(void), int flags)
{
	int pid;

	pid = rfork(RFPROC | flags);
	if(pid == 0){
		fn();
		exits(nil);
	}
	return pid;
}

/* The exit message of the next child to end, or "<no child>". */
static __attribute__((unused)) char *
waitmsg(void)
{
	static char msg[ERRMAX];
	Waitmsg *w;

	w = wait();
	if(w == nil)
		return "<no child>";
	snprint(msg, sizeof msg, "%s", w->msg);
	free(w);
	return msg;
}

/* Free pages, from /dev/sysstat; -1 if it cannot be read. */
static __attribute__((unused)) vlong
freepages(void)
{
	char buf[128];
	int fd, n;

	fd = open("/dev/sysstat", OREAD);
	if(fd < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(n <= 5)
		return -1;
	buf[n] = 0;
	return strtoll(buf + 5, nil, 10);
}
