/*
 * uart.c - the 16550 on COM1: polled output, interrupt-driven input.
 * Output is polled so that print works from anywhere, panics included.
 */
#include "portfns.h"
#include "fns.h"

enum {
	COM1	= 0x3F8,
	RBR	= 0,	/* receive buffer (read) */
	THR	= 0,	/* transmit holding (write) */
	IER	= 1,	/* interrupt enable */
	FCR	= 2,	/* FIFO control */
	LCR	= 3,	/* line control */
	MCR	= 4,	/* modem control */
	LSR	= 5,	/* line status */
	DLL	= 0,	/* divisor latch, when LCR.DLAB */
	DLM	= 1,

	LSRDR	= 1 << 0,	/* data ready */
	LSRTHRE	= 1 << 5,	/* transmitter can take a byte */
	IERRDA	= 1 << 0,	/* interrupt on received data */
	MCROUT2	= 1 << 3,	/* gates the IRQ line on PCs */
};

void
uartinit(void)
{
	outb(COM1 + IER, 0);
	outb(COM1 + LCR, 0x80);		/* DLAB: set the divisor */
	outb(COM1 + DLL, 1);		/* 115200 baud */
	outb(COM1 + DLM, 0);
	outb(COM1 + LCR, 0x03);		/* 8N1 */
	outb(COM1 + FCR, 0xC7);		/* FIFOs on and cleared, 14-byte trigger */
	outb(COM1 + MCR, 0x0B);		/* DTR, RTS, OUT2 */
}

void
uartputc(int c)
{
	int i;

	/* bounded wait: a wedged UART must not hang a panic */
	for(i = 0; i < 100000 && (inb(COM1 + LSR) & LSRTHRE) == 0; i++)
		pause();
	outb(COM1 + THR, c);
}

static void
uartintr(void)
{
	while(inb(COM1 + LSR) & LSRDR)
		consinput(inb(COM1 + RBR));
}

void
uartenableintr(void)
{
	irqhandler[4] = uartintr;
	if(ioapicroute(4, VIRQ0 + 4) < 0){
		print("uart: cannot route IRQ 4; serial input disabled\n");
		return;
	}
	outb(COM1 + IER, IERRDA);
	uartintr();	/* drain anything typed before the route existed */
}
