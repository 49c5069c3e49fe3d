/*
 * harness — run one QEMU boot of Lux9 and judge what it prints on the serial line.
 *
 * The caller gives the whole QEMU command after `--` (with -serial stdio, so
 * QEMU's stdout is the serial console and its stdin the serial input).
 * Selftest mode turns the kernel's `selftest: ...` lines into TAP lines;
 * expect mode waits for texts in order and types texts into the serial line.
 * Any `panic:` fails the boot (unless -p says a panic is the point).
 *
 * QEMU runs in its own process group, which is killed on every way out, and
 * every wait has a deadline, so a wedged kernel cannot hang the suite.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

enum {
	LINEMAX = 512,		/* longer lines are cut into pieces this long */
	TAILLINES = 40,		/* serial lines shown when something failed */
	TEXTMAX = 256,		/* longest -x, -s or -b text, with its NUL */
	MAXSTEPS = 64,
	PANICMS = 1000,		/* after a panic, read on this long ... */
	PANICLINES = 60,	/* ... or this many lines, so the backtrace is logged */
	ERRMAX = 4096,		/* how much of QEMU's own stderr is kept */
	REAPMS = 1000,		/* after EOF, how long QEMU gets to exit by itself */
	LOGMAX = 16<<20,	/* a runaway kernel must not fill the disk */
};

enum { RUNNING, ENDDONE, ENDTIMEOUT, ENDEOF, ENDPANIC };	/* why reading stopped */

typedef struct Step Step;
struct Step {
	int send;		/* 1: type text into the serial line; 0: wait for it */
	char text[TEXTMAX];
	int len;
};

typedef struct Opts Opts;
struct Opts {
	const char *name;
	int secs;
	const char *logpath;
	int expect;		/* expect mode; otherwise selftest mode */
	int panicok;		/* -p: a panic is the required outcome */
	const char *bench;
	Step steps[MAXSTEPS];	/* -x and -s in command-line order */
	int nsteps;
	char **argv;		/* the QEMU command */
};

/* The newest output, so a text split across reads is still found. */
typedef struct Window Window;
struct Window {
	char buf[2*TEXTMAX];
	int len;
};

typedef struct Run Run;
struct Run {
	pid_t pid;		/* QEMU, leader of its own process group */
	int out, err, in;	/* its stdout and stderr (we read), stdin (we write) */
	int reaped, status;
	FILE *log;
	long logged;		/* bytes written to log */
	long long start, deadline;	/* ms, monotonic */
	int ended;		/* RUNNING or why reading stopped */
	char why[2*LINEMAX];	/* the first reason the boot failed; "" if none */

	char line[LINEMAX+1];	/* the line being assembled */
	int linelen;
	char tail[TAILLINES][LINEMAX+1];	/* ring of the last lines */
	long ntail;		/* lines ever put in the ring */
	char errbuf[ERRMAX];	/* QEMU's stderr, made printable, NUL-terminated */
	int errlen;

	int cursor;		/* next step (expect mode) */
	Window win;		/* output since the last matched step */
	Window benchwin;
	int benchseen;
	int nok, nfail;		/* selftest lines seen */
	int panicked, panicleft;
	long long panicend;
};

static Opts o;
static volatile sig_atomic_t qemupgid;	/* for the signal handler and atexit */

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "harness: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(2);
}

static long long
nowms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec*1000 + ts.tv_nsec/1000000;
}

static void
setwhy(Run *r, const char *fmt, ...)
{
	va_list ap;

	if(r->why[0])
		return;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof r->why, fmt, ap);
	va_end(ap);
}

/* ---- QEMU's life ---- */

static void
killqemu(void)
{
	if(qemupgid > 0)
		kill(-(pid_t)qemupgid, SIGKILL);
}

static void
onsignal(int sig)
{
	killqemu();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
setupsignals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

	for(size_t i = 0; i < sizeof sigs/sizeof sigs[0]; i++)
		signal(sigs[i], onsignal);
	signal(SIGPIPE, SIG_IGN);	/* a dead QEMU shows up as EPIPE instead */
	atexit(killqemu);
}

/* In the child: become a group leader, die with the harness, exec QEMU. */
static void
execqemu(int in, int out, int err, pid_t parent)
{
	setpgid(0, 0);
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if(getppid() != parent)
		_exit(127);
#else
	(void)parent;
#endif
	signal(SIGPIPE, SIG_DFL);
	dup2(in, 0);
	dup2(out, 1);
	dup2(err, 2);
	for(int fd = 3; fd < 64; fd++)
		close(fd);
	execvp(o.argv[0], o.argv);
	fprintf(stderr, "harness: cannot run %s: %s\n", o.argv[0], strerror(errno));
	_exit(127);
}

static void
bootstart(Run *r)
{
	int in[2], out[2], err[2];
	pid_t parent = getpid();

	if(pipe(in) < 0 || pipe(out) < 0 || pipe(err) < 0)
		die("pipe: %s", strerror(errno));
	r->start = nowms();
	r->deadline = r->start + (long long)o.secs*1000;
	r->pid = fork();
	if(r->pid < 0)
		die("fork: %s", strerror(errno));
	if(r->pid == 0)
		execqemu(in[0], out[1], err[1], parent);
	setpgid(r->pid, r->pid);	/* also here: no window where it is in our group */
	qemupgid = r->pid;
	close(in[0]);
	close(out[1]);
	close(err[1]);
	r->in = in[1];
	r->out = out[0];
	r->err = err[0];
	fcntl(r->in, F_SETFL, fcntl(r->in, F_GETFL) | O_NONBLOCK);
}

/* QEMU closed its output: give it a moment to exit so we can say how. */
static void
bootreap(Run *r, int ms)
{
	long long until = nowms() + ms;
	struct timespec tick = { 0, 10*1000*1000 };

	while(!r->reaped && nowms() < until) {
		if(waitpid(r->pid, &r->status, WNOHANG) == r->pid)
			r->reaped = 1;
		else
			nanosleep(&tick, NULL);
	}
}

/* Kill the whole group, even if the leader is gone (it may have children). */
static void
bootstop(Run *r)
{
	killqemu();
	while(!r->reaped && waitpid(r->pid, &r->status, 0) < 0 && errno == EINTR)
		;
	r->reaped = 1;
	qemupgid = 0;
	close(r->in);
	close(r->out);
	if(r->err >= 0)
		close(r->err);
}

static const char *
qemuend(Run *r)
{
	static char buf[64];

	if(!r->reaped)
		return "closed its output";
	if(WIFEXITED(r->status))
		snprintf(buf, sizeof buf, "exited with status %d", WEXITSTATUS(r->status));
	else if(WIFSIGNALED(r->status))
		snprintf(buf, sizeof buf, "was killed by signal %d", WTERMSIG(r->status));
	else
		snprintf(buf, sizeof buf, "stopped");
	return buf;
}

/* ---- reading the serial line ---- */

static void
winpush(Window *w, char c)
{
	if(w->len == (int)sizeof w->buf) {
		memmove(w->buf, w->buf + TEXTMAX, TEXTMAX);
		w->len = TEXTMAX;
	}
	w->buf[w->len++] = c;
}

static int
winends(Window *w, const char *text, int len)
{
	return w->len >= len && memcmp(w->buf + w->len - len, text, len) == 0;
}

static void
sendsteps(Run *r)
{
	while(r->cursor < o.nsteps && o.steps[r->cursor].send) {
		Step *s = &o.steps[r->cursor++];
		if(write(r->in, s->text, s->len) != s->len)
			setwhy(r, "could not type \"%s\" into the serial line: %s",
				s->text, strerror(errno));
	}
}

static void
checkend(Run *r)
{
	if(!o.expect || r->cursor < o.nsteps)
		return;
	if(r->panicked || o.panicok)
		return;	/* wait for the panic, then for its backtrace */
	r->ended = ENDDONE;
}

/* One character of the stream, for the expect steps and the -b timer. */
static void
streamchar(Run *r, char c)
{
	if(o.expect && r->cursor < o.nsteps) {
		Step *s = &o.steps[r->cursor];
		winpush(&r->win, c);
		if(winends(&r->win, s->text, s->len)) {
			r->cursor++;
			r->win.len = 0;
			sendsteps(r);
			checkend(r);
		}
	}
	if(o.bench && !r->benchseen) {
		winpush(&r->benchwin, c);
		if(winends(&r->benchwin, o.bench, strlen(o.bench))) {
			r->benchseen = 1;
			printf("# %s: %s after %lld ms\n", o.name, o.bench, nowms() - r->start);
		}
	}
}

static void
selftestfail(Run *r, char *rest)
{
	char *why = strstr(rest, ": ");

	if(why)
		*why = 0, why += 2;
	r->nfail++;
	printf("not ok - %s/%s: %s\n", o.name, rest, why ? why : "(no reason given)");
}

static void
selftestdone(Run *r, const char *rest)
{
	int p, f;

	r->ended = ENDDONE;
	if(sscanf(rest, "%d passed, %d failed", &p, &f) != 2)
		setwhy(r, "malformed done line: %s", rest);
	else if(p != r->nok || f != r->nfail)
		setwhy(r, "done line says %d passed, %d failed, but %d ok and %d FAIL lines were seen",
			p, f, r->nok, r->nfail);
	else if(p + f == 0)
		setwhy(r, "no tests ran");
}

/* A `selftest:` protocol line?  Report it and say yes. */
static int
selftestline(Run *r, char *line)
{
	char *p = strstr(line, "selftest: ");

	if(p == NULL)
		return 0;
	p += strlen("selftest: ");
	for(char *e = p + strlen(p); e > p && e[-1] == ' '; )
		*--e = 0;
	if(strncmp(p, "ok ", 3) == 0) {
		r->nok++;
		printf("ok - %s/%s\n", o.name, p + 3);
	} else if(strncmp(p, "FAIL ", 5) == 0)
		selftestfail(r, p + 5);
	else if(strncmp(p, "done ", 5) == 0)
		selftestdone(r, p + 5);
	else
		return 0;
	return 1;
}

static void
tailadd(Run *r, const char *line)
{
	strcpy(r->tail[r->ntail++ % TAILLINES], line);
}

static void
linedone(Run *r)
{
	char *panic;

	r->line[r->linelen] = 0;
	r->linelen = 0;
	tailadd(r, r->line);
	if(!o.expect && selftestline(r, r->line))
		return;
	if(r->panicked) {
		if(--r->panicleft <= 0)
			r->ended = ENDPANIC;
	} else if((panic = strstr(r->line, "panic:")) != NULL) {
		r->panicked = 1;
		r->panicend = nowms() + PANICMS;
		r->panicleft = PANICLINES;
		if(!o.panicok)
			setwhy(r, "%s", panic);
	}
}

/* Serial junk must not reach the terminal as escape sequences. */
static char
printable(unsigned char c)
{
	return (c < ' ' && c != '\t') || c >= 0x7f ? '.' : c;
}

static void
logwrite(Run *r, const char *buf, int n)
{
	if(r->log == NULL || r->logged >= LOGMAX)
		return;
	if(n > LOGMAX - r->logged)
		n = LOGMAX - r->logged;
	fwrite(buf, 1, n, r->log);
	r->logged += n;
	if(r->logged == LOGMAX)
		fprintf(r->log, "\n[harness: log cut at %d bytes]\n", LOGMAX);
}

/* Raw bytes go to the log; lines are made printable (junk becomes '.') and capped. */
static void
feed(Run *r, const char *buf, int n)
{
	logwrite(r, buf, n);
	for(int i = 0; i < n && r->ended == RUNNING; i++) {
		unsigned char c = buf[i];
		if(c == '\r')
			continue;
		if(c == '\n') {
			streamchar(r, '\n');
			linedone(r);
			continue;
		}
		c = printable(c);
		r->line[r->linelen++] = c;
		streamchar(r, c);
		if(r->linelen == LINEMAX)
			linedone(r);
	}
	fflush(stdout);
}

static void
readout(Run *r)
{
	char buf[4096];
	ssize_t n = read(r->out, buf, sizeof buf);

	if(n > 0)
		feed(r, buf, n);
	else if(n == 0 || (errno != EINTR && errno != EAGAIN)) {
		bootreap(r, REAPMS);
		if(r->ended == RUNNING)
			r->ended = ENDEOF;
	}
}

static void
readerr(Run *r)
{
	char buf[1024];
	ssize_t n = read(r->err, buf, sizeof buf);

	for(ssize_t i = 0; i < n && r->errlen < ERRMAX - 1; i++)
		r->errbuf[r->errlen++] = buf[i] == '\n' ? '\n' : printable(buf[i]);
	if(n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
		close(r->err);
		r->err = -1;	/* poll skips it from now on */
	}
}

static void
pump(Run *r)
{
	while(r->ended == RUNNING) {
		long long now = nowms(), wait = r->deadline - now;
		if(now >= r->deadline) {
			r->ended = ENDTIMEOUT;
			break;
		}
		if(r->panicked) {
			if(now >= r->panicend) {
				r->ended = ENDPANIC;
				break;
			}
			if(r->panicend - now < wait)
				wait = r->panicend - now;
		}
		if(wait > 1000)
			wait = 1000;	/* fits poll's int, whatever -t says */
		struct pollfd p[2] = { { r->out, POLLIN, 0 }, { r->err, POLLIN, 0 } };
		if(poll(p, 2, (int)wait) < 0) {
			if(errno == EINTR)
				continue;
			die("poll: %s", strerror(errno));
		}
		if(p[1].revents)
			readerr(r);
		if(p[0].revents)
			readout(r);
	}
	if(r->linelen > 0)	/* e.g. a prompt: show it in the tail, judge nothing by it */
		r->line[r->linelen] = 0, tailadd(r, r->line);
}

/* ---- verdict ---- */

static void
waitedfor(Run *r, const char *what)
{
	switch(r->ended) {
	case ENDTIMEOUT:
		setwhy(r, "timed out waiting for %s after %d s", what, o.secs);
		break;
	case ENDEOF:
		setwhy(r, "qemu %s while waiting for %s", qemuend(r), what);
		break;
	default:
		setwhy(r, "%s did not come within %d lines or %d ms of the panic",
			what, PANICLINES, PANICMS);
	}
}

static void
judge(Run *r)
{
	char what[TEXTMAX + 2];

	if(!o.expect) {
		if(r->ended == ENDTIMEOUT)
			setwhy(r, "timed out after %d s without a done line", o.secs);
		else if(r->ended == ENDEOF)
			setwhy(r, "qemu %s before the done line", qemuend(r));
		printf(r->why[0] ? "not ok - %s/boot: %s\n" : "ok - %s/boot\n", o.name, r->why);
		return;
	}
	if(r->cursor < o.nsteps) {
		snprintf(what, sizeof what, "\"%s\"", o.steps[r->cursor].text);
		waitedfor(r, what);
	} else if(o.panicok && !r->panicked)
		waitedfor(r, "a panic");
	printf(r->why[0] ? "not ok - %s: %s\n" : "ok - %s\n", o.name, r->why);
}

static void
showtail(Run *r)
{
	long first = r->ntail > TAILLINES ? r->ntail - TAILLINES : 0;

	printf("# %s: last %ld serial lines%s%s:\n", o.name, r->ntail - first,
		o.logpath ? ", log in " : "", o.logpath ? o.logpath : "");
	for(long i = first; i < r->ntail; i++)
		printf("# %s\n", r->tail[i % TAILLINES]);
	if(r->errlen > 0)
		printf("# %s: qemu stderr:\n", o.name);
	for(char *l = strtok(r->errbuf, "\n"); l != NULL; l = strtok(NULL, "\n"))
		printf("# %s\n", l);
}

/* ---- options ---- */

/* -s text: \r \n \t \\ become the characters. */
static void
unescape(char *s)
{
	char *w = s;

	for(; *s; s++) {
		if(*s != '\\' || s[1] == 0) {
			*w++ = *s;
			continue;
		}
		switch(*++s) {
		case 'r': *w++ = '\r'; break;
		case 'n': *w++ = '\n'; break;
		case 't': *w++ = '\t'; break;
		default: *w++ = *s; break;
		}
	}
	*w = 0;
}

static void
addstep(int send, const char *text)
{
	Step *s;

	if(o.nsteps == MAXSTEPS)
		die("more than %d -x/-s steps", MAXSTEPS);
	if(strlen(text) == 0 || strlen(text) >= TEXTMAX)
		die("-%c text must be 1 to %d characters", send ? 's' : 'x', TEXTMAX - 1);
	s = &o.steps[o.nsteps++];
	s->send = send;
	strcpy(s->text, text);
	if(send)
		unescape(s->text);
	s->len = strlen(s->text);
}

static void
usage(void)
{
	fprintf(stderr, "usage: harness [-n name] [-t secs] [-l log] [-m selftest|expect]\n"
		"\t[-x text] [-s text] [-p] [-b text] -- qemu-command...\n");
	exit(2);
}

static void
parseopts(int argc, char **argv)
{
	int c, mode = -1, nexpect = 0;

	o.name = "qemu";
	o.secs = 60;
	while((c = getopt(argc, argv, "n:t:l:m:x:s:pb:")) != -1) {
		switch(c) {
		case 'n': o.name = optarg; break;
		case 't': if((o.secs = atoi(optarg)) <= 0) usage(); break;
		case 'l': o.logpath = optarg; break;
		case 'm':
			if(strcmp(optarg, "selftest") != 0 && strcmp(optarg, "expect") != 0)
				usage();
			mode = strcmp(optarg, "expect") == 0;
			break;
		case 'x': addstep(0, optarg); nexpect++; break;
		case 's': addstep(1, optarg); break;
		case 'p': o.panicok = 1; break;
		case 'b':
			if(strlen(optarg) == 0 || strlen(optarg) >= TEXTMAX)
				usage();
			o.bench = optarg;
			break;
		default: usage();
		}
	}
	if(optind >= argc)
		usage();
	o.argv = argv + optind;
	o.expect = mode >= 0 ? mode : o.nsteps > 0;
	if(o.expect && nexpect == 0)
		die("expect mode needs at least one -x");
	if(!o.expect && (o.nsteps > 0 || o.panicok))
		die("-x, -s and -p belong to expect mode");
}

/* A closed stdin/stdout/stderr would let pipe() hand out fds 0-2. */
static void
holdstdfds(void)
{
	int fd;

	while((fd = open("/dev/null", O_RDWR)) >= 0 && fd <= 2)
		;
	if(fd > 2)
		close(fd);
}

int
main(int argc, char **argv)
{
	static Run r;
	int bad;

	holdstdfds();
	parseopts(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if(o.logpath && (r.log = fopen(o.logpath, "w")) == NULL)
		die("cannot write %s: %s", o.logpath, strerror(errno));
	setupsignals();
	bootstart(&r);
	sendsteps(&r);
	pump(&r);
	bootstop(&r);
	if(r.log)
		fclose(r.log);
	judge(&r);
	if(o.bench && !r.benchseen)
		printf("# %s: %s never appeared\n", o.name, o.bench);
	bad = r.why[0] || r.nfail > 0;
	if(bad)
		showtail(&r);
	return bad;
}
