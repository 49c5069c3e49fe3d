/*
 * print.c - the kernel console: formatted output to the serial line, the
 * input queue filled by the UART interrupt, and panic.
 *
 * There is one CPU for now, so output is serialized by turning interrupts
 * off (splhi), not by a lock: a panic inside print must still be able to
 * print.
 */
#include "portfns.h"
#include "fns.h"

Conf conf;

static void
consput(void *arg, const char *s, size_t n)
{
	(void)arg;
	for(; n > 0; n--, s++){
		if(*s == '\n')
			uartputc('\r');
		uartputc(*s);
	}
}

static int
vprint(const char *fmt, va_list ap)
{
	int s, n;

	s = splhi();
	n = vfmt(consput, nil, fmt, ap);
	splx(s);
	return n;
}

int
print(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprint(fmt, ap);
	va_end(ap);
	return n;
}

int
logprint(int level, const char *fmt, ...)
{
	va_list ap;
	int n;

	if(level > conf.loglevel)
		return 0;
	va_start(ap, fmt);
	n = vprint(fmt, ap);
	va_end(ap);
	return n;
}

/*
 * Console input, cooked as a terminal would: the UART interrupt echoes
 * each byte, handles backspace, and on newline moves the line to the
 * ready queue, where readers take it.  When the queue is full a new line
 * is dropped (and counted), never the ones already queued.
 */
static struct {
	char	line[256];	/* being typed; interrupt only */
	int	nline;
	char	ready[1024];	/* completed lines; guarded by splhi */
	u32int	r, w;		/* free-running; w - r is the count */
	u32int	dropped;
	Rendez	rz;
} cin;

static void
echo(const char *s)
{
	for(; *s; s++){
		if(*s == '\n')
			uartputc('\r');
		uartputc(*s);
	}
}

void
consinput(int c)
{
	char b[2];
	int i;

	if(c == '\r')
		c = '\n';
	if(c == 0x7F || c == '\b'){
		if(cin.nline > 0){
			cin.nline--;
			echo("\b \b");
		}
		return;
	}
	if(c != '\n' && c != '\t' && (c < ' ' || c > 0x7E))
		return;
	if(c != '\n'){
		if(cin.nline == sizeof cin.line - 1)
			return;	/* a full line takes nothing but newline and backspace */
		cin.line[cin.nline++] = c;
		b[0] = c;
		b[1] = 0;
		echo(b);
		return;
	}
	echo("\n");
	if(cin.w - cin.r + cin.nline + 1 > sizeof cin.ready){
		cin.dropped++;
	}else{
		for(i = 0; i < cin.nline; i++)
			cin.ready[cin.w++ % sizeof cin.ready] = cin.line[i];
		cin.ready[cin.w++ % sizeof cin.ready] = '\n';
	}
	cin.nline = 0;
	wakeup(&cin.rz);
}

int
consready(void *arg)
{
	(void)arg;
	return cin.r != cin.w;
}

/* Take up to n bytes of typed input, at most one line; 0 when there is none. */
long
constake(char *buf, long n)
{
	long i;
	int s;

	s = splhi();
	for(i = 0; i < n && cin.r != cin.w; ){
		buf[i] = cin.ready[cin.r++ % sizeof cin.ready];
		if(buf[i++] == '\n')
			break;
	}
	splx(s);
	return i;
}

/* Read typed input as a process: sleep until a line is ready. */
long
consread(char *buf, long n)
{
	sleep(&cin.rz, consready, nil);
	return constake(buf, n);
}

static int panicking;

void
panic(const char *fmt, ...)
{
	va_list ap;

	cli();
	if(panicking++){
		print("panic: recursive panic\n");
		for(;;)
			halt();
	}
	print("\npanic: ");
	va_start(ap, fmt);
	vfmt(consput, nil, fmt, ap);
	va_end(ap);
	print("\n");
	dumpcurregs();
	/* start at our caller: the return address less one is inside its call */
	backtrace((u64int)__builtin_return_address(0) - 1, *(u64int *)__builtin_frame_address(0));
	print("panic: cpu halted\n");
	for(;;)
		halt();
}
