/*
 * pipetest.c - pipes: message boundaries, both directions, bulk data
 * between processes, end of file, writing to a closed pipe, and a blocked
 * read interrupted by a note.
 */
#include <u.h>
#include <libc.h>
#include "t.h"

static char *
boundaries_kept(void)
{
	char buf[100];
	int fd[2];

	if(pipe(fd) < 0)
		return smprint("pipe: %r");
	if(write(fd[1], "ab", 2) != 2 || write(fd[1], "cde", 3) != 3)
		return smprint("write: %r");
	if(read(fd[0], buf, sizeof buf) != 2 || memcmp(buf, "ab", 2) != 0)
		return "first read did not return exactly the first write";
	if(read(fd[0], buf, 2) != 2 || memcmp(buf, "cd", 2) != 0)
		return "a short read did not take the start of the second write";
	if(read(fd[0], buf, sizeof buf) != 1 || buf[0] != 'e')
		return "the rest of the second write was lost";
	/* and the other way */
	if(write(fd[0], "back", 4) != 4 || read(fd[1], buf, sizeof buf) != 4 || memcmp(buf, "back", 4) != 0)
		return "data written on fd[0] did not arrive on fd[1]";
	close(fd[0]);
	close(fd[1]);
	return nil;
}

enum { BULK = 200 * 1024 };
static int bulkfd[2];

static void
bulkwriter(void)
{
	char buf[8192];
	int i, j;

	close(bulkfd[0]);
	for(i = 0; i < BULK / (int)sizeof buf; i++){
		for(j = 0; j < (int)sizeof buf; j++)
			buf[j] = i + j;
		if(write(bulkfd[1], buf, sizeof buf) != sizeof buf)
			exits(smprint("write %d: %r", i));
	}
	exits(nil);
}

static char *
bulk_between_processes(void)
{
	char buf[8192];
	long n, total;
	char *m;

	if(pipe(bulkfd) < 0)
		return smprint("pipe: %r");
	spawn(bulkwriter, RFFDG);
	close(bulkfd[1]);
	total = 0;
	while((n = read(bulkfd[0], buf, sizeof buf)) > 0){
		if(buf[0] != (char)((total / 8192) + (total % 8192)))
			return smprint("wrong byte at %ld", total);
		total += n;
	}
	close(bulkfd[0]);
	m = waitmsg();
	if(m[0] != 0)
		return smprint("writer ended with '%s'", m);
	if(n < 0)
		return smprint("read: %r");
	if(total != BULK)
		return smprint("read %ld bytes, wrote %d", total, BULK);
	return nil;
}

static char *
closed_ends(void)
{
	char buf[8], e[ERRMAX];
	int fd[2];

	if(pipe(fd) < 0)
		return smprint("pipe: %r");
	close(fd[1]);
	if(read(fd[0], buf, sizeof buf) != 0)
		return "read after the other end closed did not give end of file";
	close(fd[0]);
	if(pipe(fd) < 0)
		return smprint("pipe: %r");
	close(fd[0]);
	if(write(fd[1], "x", 1) != -1)
		return "write with the reader gone succeeded";
	rerrstr(e, sizeof e);
	if(strstr(e, "closed pipe") == nil)
		return smprint("write to a closed pipe said '%s'", e);
	close(fd[1]);
	return nil;
}

static int nnote;

static void
onnote(void *ureg, char *note)
{
	(void)ureg;
	nnote++;
	noted(strcmp(note, "alarm") == 0 ? NCONT : NDFLT);
}

static char *
blocked_read_interrupted(void)
{
	char buf[8], e[ERRMAX];
	int fd[2];

	if(pipe(fd) < 0)
		return smprint("pipe: %r");
	notify(onnote);
	nnote = 0;
	alarm(30);
	if(read(fd[0], buf, sizeof buf) != -1)
		return "read of an empty pipe returned";
	rerrstr(e, sizeof e);
	notify(nil);
	if(strstr(e, "interrupted") == nil || nnote != 1)
		return smprint("read said '%s' after %d notes", e, nnote);
	/* the pipe still works */
	if(write(fd[1], "ok", 2) != 2 || read(fd[0], buf, sizeof buf) != 2)
		return "pipe broken after the interrupted read";
	close(fd[0]);
	close(fd[1]);
	return nil;
}

static int *volatile badfds = (int *)0x10;	/* hidden from the compiler's checks */

static char *
bad_pipe_arguments(void)
{
	if(pipe(badfds) != -1)
		return "pipe into address 0x10 succeeded";
	return nil;
}

void
main(void)
{
	check("pipe_keeps_message_boundaries", boundaries_kept());
	check("pipe_bulk_between_processes", bulk_between_processes());
	check("pipe_closed_ends", closed_ends());
	check("pipe_blocked_read_interrupted_by_note", blocked_read_interrupted());
	check("pipe_bad_arguments", bad_pipe_arguments());
	tdone();
}
