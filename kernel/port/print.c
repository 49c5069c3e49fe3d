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
 * Console input: a ring written by the UART interrupt and read with
 * interrupts off.  When it is full, new bytes are dropped (and counted),
 * never the ones already queued.
 */
static struct {
	char	buf[256];
	u32int	r, w;		/* free-running; w - r is the count */
	u32int	dropped;
} cin;

void
consinput(int c)
{
	if(cin.w - cin.r == sizeof cin.buf){
		cin.dropped++;
		return;
	}
	cin.buf[cin.w++ % sizeof cin.buf] = c;
}

/* The next input byte, or -1 when there is none. */
int
consgetc(void)
{
	int s, c;

	s = splhi();
	c = -1;
	if(cin.r != cin.w)
		c = (u8int)cin.buf[cin.r++ % sizeof cin.buf];
	splx(s);
	return c;
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
