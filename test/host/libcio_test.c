/*
 * libcio_test.c - Lux9's libc on the host, the parts that talk to files:
 * print to a file descriptor, readn, dirstat and friends, dirread, Bio.
 *
 * A unity build like libc_test.c (see there): libc's sources are included
 * after user/libc/hosted.h renames their names.  A small fake kernel
 * below keeps files in memory and answers libc's system calls with
 * Plan 9's rules: stat given too small a buffer returns just the size
 * field, and a read of a directory returns whole entries.  Knobs make it
 * read short, fail writes, or hand back malformed entries.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../user/libc/hosted.h"
#include "../../user/libc/string.c"
#include "../../lib/string.c"
#include "../../user/libc/rune.c"
#include "../../user/libc/ctype.c"
#include "../../user/libc/strto.c"
#include "../../user/libc/print.c"
#include "../../user/libc/errstr.c"
#include "../../user/libc/exits.c"
#include "../../user/libc/lock.c"
#include "../../user/libc/malloc.c"
#include "../../user/libc/readn.c"
#include "../../user/libc/dirstat.c"
#include "../../user/libc/bio.c"

/* ---- the fake kernel ---- */

enum {
	Nfile	= 8,
	Nfd	= 16,
	Filemax	= 1 << 17,
	Arena	= 32 << 20,
};

typedef struct File File;
struct File {
	int	used;
	int	isdir;		/* data holds whole stat entries, back to back */
	char	name[300];
	uchar	data[Filemax];
	long	len;
	int	nwrites;
};

typedef struct Fd Fd;
struct Fd {
	File	*f;
	vlong	off;
};

static File files[Nfile];
static Fd fds[Nfd];
static long maxio;		/* >0: reads return at most this, and dir reads this many entries */
static int failwrites;		/* writes fail */
static int corruptstat;		/* stat replies lie about their size */
static int rawdir;		/* dir reads ignore entry boundaries */
static int nstat;		/* stat calls made */
static uchar lastwstat[1024];	/* what wstat was sent */
static int nlastwstat;

static char kerr[ERRMAX];

static void
copystr(char *d, const char *s, usize n)
{
	usize i;

	if(n == 0)
		return;
	for(i = 0; i < n-1 && s[i] != 0; i++)
		d[i] = s[i];
	d[i] = 0;
}

static int
syserr(const char *msg)
{
	copystr(kerr, msg, sizeof kerr);
	return -1;
}

int
errstr(char *buf, uint n)
{
	char old[ERRMAX];

	copystr(old, kerr, sizeof old);
	copystr(kerr, buf, n < sizeof kerr ? n : sizeof kerr);
	copystr(buf, old, n);
	return 0;
}

static File *
lookup(const char *name)
{
	int i;

	for(i = 0; i < Nfile; i++)
		if(files[i].used && strcmp(files[i].name, name) == 0)
			return &files[i];
	return nil;
}

static File *
mkfile(const char *name, const void *data, long n)
{
	File *f;
	int i;

	if((f = lookup(name)) == nil){
		for(i = 0; files[i].used; i++)
			assert_true(i < Nfile-1);
		f = &files[i];
		f->used = 1;
		copystr(f->name, name, sizeof f->name);
	}
	f->isdir = 0;
	f->nwrites = 0;
	assert_true(n <= Filemax);
	memmove(f->data, data, n);
	f->len = n;
	return f;
}

static int
newfd(File *f)
{
	int fd;

	for(fd = 3; fd < Nfd; fd++)
		if(fds[fd].f == nil){
			fds[fd].f = f;
			fds[fd].off = 0;
			return fd;
		}
	return syserr("too many open files");
}

static Fd *
getfd(int fd)
{
	if(fd < 0 || fd >= Nfd || fds[fd].f == nil)
		return nil;
	return &fds[fd];
}

int
open(const char *name, int mode)
{
	File *f;

	if((f = lookup(name)) == nil)
		return syserr("file does not exist");
	if(mode & OTRUNC)
		f->len = 0;
	return newfd(f);
}

int
create(const char *name, int mode, ulong perm)
{
	(void)mode;
	(void)perm;
	return newfd(mkfile(name, "", 0));
}

int
close(int fd)
{
	if(getfd(fd) == nil)
		return syserr("fd out of range or not open");
	fds[fd].f = nil;
	return 0;
}

/* A directory read (get16 is dirstat.c's): whole entries only, as many as fit (and maxio allows). */
static long
readdir(Fd *fp, uchar *buf, long n)
{
	File *f;
	long got, m, k;

	f = fp->f;
	got = 0;
	for(k = 0; fp->off < f->len && (maxio == 0 || k < maxio); k++){
		m = get16(f->data + fp->off) + 2;
		if(m > n - got)
			break;
		memmove(buf + got, f->data + fp->off, m);
		got += m;
		fp->off += m;
	}
	if(got == 0 && fp->off < f->len)
		return syserr("buffer too small for a directory entry");
	return got;
}

long
read(int fd, void *buf, long n)
{
	Fd *fp;
	long k;

	if((fp = getfd(fd)) == nil)
		return syserr("fd out of range or not open");
	if(fp->f->isdir && !rawdir)
		return readdir(fp, buf, n);
	k = fp->f->len - fp->off;
	if(k > n)
		k = n;
	if(maxio > 0 && k > maxio)
		k = maxio;
	if(k < 0)
		k = 0;
	memmove(buf, fp->f->data + fp->off, k);
	fp->off += k;
	return k;
}

long
write(int fd, const void *buf, long n)
{
	Fd *fp;

	if((fp = getfd(fd)) == nil)
		return syserr("fd out of range or not open");
	if(failwrites)
		return syserr("i/o error");
	if(fp->off + n > Filemax)
		return syserr("file too big");
	memmove(fp->f->data + fp->off, buf, n);
	fp->off += n;
	if(fp->off > fp->f->len)
		fp->f->len = fp->off;
	fp->f->nwrites++;
	return n;
}

vlong
seek(int fd, vlong off, int type)
{
	Fd *fp;

	if((fp = getfd(fd)) == nil)
		return syserr("fd out of range or not open");
	switch(type){
	case 1: off += fp->off; break;
	case 2: off += fp->f->len; break;
	}
	if(off < 0)
		return syserr("negative offset");
	fp->off = off;
	return off;
}

static int
statfile(File *f, uchar *buf, int n)
{
	uchar tmp[1024];
	Dir d;
	u32int m;

	nstat++;
	memset(&d, 0, sizeof d);
	d.type = 'M';
	d.dev = 7;
	d.qid.path = 0x1122334455ULL;
	d.qid.vers = 3;
	d.qid.type = f->isdir ? QTDIR : QTFILE;
	d.mode = (f->isdir ? DMDIR : 0) | 0644;
	d.atime = 1000;
	d.mtime = 2000;
	d.length = f->isdir ? 0 : f->len;
	d.name = strrchr(f->name, '/') != nil ? strrchr(f->name, '/') + 1 : f->name;
	d.uid = "glenda";
	d.gid = "sys";
	d.muid = "bootes";
	m = convD2M(&d, tmp, sizeof tmp);
	assert_true(m > 0);
	if(corruptstat)
		tmp[0]--;	/* size field one short */
	if(n < 2)
		return syserr("stat buffer too small");
	if((int)m > n){
		memmove(buf, tmp, 2);	/* just the size: ask again */
		return 2;
	}
	memmove(buf, tmp, m);
	return m;
}

int
stat(const char *name, uchar *buf, int n)
{
	File *f;

	if((f = lookup(name)) == nil)
		return syserr("file does not exist");
	return statfile(f, buf, n);
}

int
fstat(int fd, uchar *buf, int n)
{
	Fd *fp;

	if((fp = getfd(fd)) == nil)
		return syserr("fd out of range or not open");
	return statfile(fp->f, buf, n);
}

static int
keepwstat(const uchar *buf, int n)
{
	assert_true(n <= (int)sizeof lastwstat);
	memmove(lastwstat, buf, n);
	nlastwstat = n;
	return 0;
}

int
wstat(const char *name, const uchar *buf, int n)
{
	if(lookup(name) == nil)
		return syserr("file does not exist");
	return keepwstat(buf, n);
}

int
fwstat(int fd, const uchar *buf, int n)
{
	if(getfd(fd) == nil)
		return syserr("fd out of range or not open");
	return keepwstat(buf, n);
}

static _Alignas(4096) uchar arena[Arena];
static usize arenaused;

void *
sbrk(ulong n)
{
	void *p;

	n = (n + 15) & ~15UL;
	if(n > Arena - arenaused)
		return (void *)-1;
	p = arena + arenaused;
	arenaused += n;
	return p;
}

static jmp_buf exitjmp;
static int exitarmed;
static char exitmsg[ERRMAX];

void
_exits(const char *msg)
{
	if(!exitarmed){
		print_error("unexpected _exits(%s)\n", msg != nil ? msg : "nil");
		__builtin_abort();
	}
	exitarmed = 0;
	copystr(exitmsg, msg != nil ? msg : "", sizeof exitmsg);
	longjmp(exitjmp, 1);
}

int
sleep(long ms)
{
	(void)ms;
	print_error("lock: contended, but this test has one process: a lock was left held\n");
	__builtin_abort();
}

#define EXPECT_EXIT(stmt) do{ \
	exitarmed = 1; \
	if(setjmp(exitjmp) == 0){ \
		stmt; \
		exitarmed = 0; \
		fail_msg("%s returned instead of exiting", #stmt); \
	} \
}while(0)

static File *stdout_, *stderr_;

static int
resetall(void **state)
{
	(void)state;
	memset(files, 0, sizeof files);
	memset(fds, 0, sizeof fds);
	maxio = 0;
	failwrites = 0;
	corruptstat = 0;
	rawdir = 0;
	nstat = 0;
	nlastwstat = 0;
	kerr[0] = 0;
	nexit = 0;
	writers = nil;
	flushatexit = 0;
	stdout_ = mkfile("/fd/1", "", 0);
	stderr_ = mkfile("/fd/2", "", 0);
	fds[1].f = stdout_;
	fds[2].f = stderr_;
	return 0;
}

#define T(f)	cmocka_unit_test_setup(f, resetall)

/* A file of n bytes, byte i being i*7 mod 251 (so no delimiter shows up by accident). */
static File *
patterned(const char *name, long n)
{
	static uchar buf[Filemax];
	long i;

	for(i = 0; i < n; i++)
		buf[i] = i*7 % 251 + 1;
	return mkfile(name, buf, n);
}

static uchar
pat(long i)
{
	return i*7 % 251 + 1;
}

/* ---- print to a file descriptor, readn ---- */

static void
print_reaches_the_fd_in_buffer_sized_writes(void **state)
{
	static char big[3001];
	int n;

	(void)state;
	memset(big, 'x', 3000);
	n = print("%s|%d", big, 42);
	assert_int_equal(n, 3003);
	assert_int_equal(stdout_->len, 3003);
	assert_memory_equal(stdout_->data + 3000, "|42", 3);
	assert_int_equal(stdout_->nwrites, 3);	/* 1024 + 1024 + 955 */
	assert_int_equal(fprint(2, "err %s\n", "here"), 9);
	assert_memory_equal(stderr_->data, "err here\n", 9);
	assert_int_equal(stderr_->nwrites, 1);
}

static void
fprint_says_minus_one_when_a_write_fails(void **state)
{
	(void)state;
	failwrites = 1;
	assert_int_equal(fprint(1, "hello"), -1);
	assert_int_equal(fprint(9, "hello"), -1);	/* not open */
}

static void
readn_gathers_short_reads(void **state)
{
	char buf[100];
	int fd;

	(void)state;
	mkfile("f", "0123456789", 10);
	fd = open("f", OREAD);
	maxio = 3;
	assert_int_equal(readn(fd, buf, 8), 8);
	assert_memory_equal(buf, "01234567", 8);
	assert_int_equal(readn(fd, buf, 8), 2);		/* end of file comes first */
	assert_int_equal(readn(fd, buf, 8), 0);
	assert_int_equal(readn(99, buf, 8), -1);
}

/* ---- stat ---- */

static void
dirstat_decodes_the_kernels_entry(void **state)
{
	Dir *d;

	(void)state;
	mkfile("/lib/file", "abc", 3);
	d = dirstat("/lib/file");
	assert_non_null(d);
	assert_int_equal(d->type, 'M');
	assert_int_equal(d->dev, 7);
	assert_int_equal(d->qid.path, 0x1122334455ULL);
	assert_int_equal(d->qid.vers, 3);
	assert_int_equal(d->qid.type, QTFILE);
	assert_int_equal(d->mode, 0644);
	assert_int_equal(d->atime, 1000);
	assert_int_equal(d->mtime, 2000);
	assert_int_equal(d->length, 3);
	assert_string_equal(d->name, "file");
	assert_string_equal(d->uid, "glenda");
	assert_string_equal(d->gid, "sys");
	assert_string_equal(d->muid, "bootes");
	/* the strings are inside the one block */
	assert_true(d->muid > (char *)d && d->muid < (char *)d + msize(d));
	free(d);
}

static void
dirstat_asks_again_with_room_for_a_long_name(void **state)
{
	char name[260];
	Dir *d;

	(void)state;
	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = 0;
	mkfile(name, "", 0);
	d = dirstat(name);
	assert_non_null(d);
	assert_string_equal(d->name, name);
	assert_int_equal(nstat, 2);	/* the first guess was too small */
	free(d);
}

static void
dirstat_fails_with_the_kernels_error(void **state)
{
	char buf[ERRMAX];

	(void)state;
	assert_null(dirstat("/nonesuch"));
	rerrstr(buf, sizeof buf);
	assert_string_equal(buf, "file does not exist");
}

static void
dirstat_refuses_a_malformed_entry(void **state)
{
	char buf[ERRMAX];

	(void)state;
	mkfile("f", "", 0);
	corruptstat = 1;
	assert_null(dirstat("f"));
	rerrstr(buf, sizeof buf);
	assert_non_null(strstr(buf, "malformed"));
}

static void
dirfstat_stats_an_open_file(void **state)
{
	Dir *d;
	int fd;

	(void)state;
	mkfile("/a/b", "12345", 5);
	fd = open("/a/b", OREAD);
	d = dirfstat(fd);
	assert_non_null(d);
	assert_string_equal(d->name, "b");
	assert_int_equal(d->length, 5);
	free(d);
	assert_null(dirfstat(12));
}

static void
dirwstat_sends_the_entry_and_nulldir_changes_nothing_else(void **state)
{
	Dir d, got;
	char strs[1024];
	int fd;

	(void)state;
	mkfile("f", "", 0);
	nulldir(&d);
	d.name = "renamed";
	assert_int_equal(dirwstat("f", &d), 0);
	assert_int_equal(convM2D(lastwstat, nlastwstat, &got, strs), nlastwstat);
	assert_string_equal(got.name, "renamed");
	assert_string_equal(got.uid, "");
	assert_string_equal(got.muid, "");
	assert_int_equal(got.mode, 0xFFFFFFFF);
	assert_int_equal(got.mtime, 0xFFFFFFFF);
	assert_int_equal(got.length, -1);
	assert_int_equal(got.type, 0xFFFF);
	assert_int_equal(got.qid.path, ~0ULL);
	fd = open("f", OREAD);
	d.name = "";
	d.mode = 0600;
	assert_int_equal(dirfwstat(fd, &d), 0);
	assert_int_equal(convM2D(lastwstat, nlastwstat, &got, strs), nlastwstat);
	assert_int_equal(got.mode, 0600);
	assert_int_equal(dirwstat("missing", &d), -1);
}

/* ---- reading directories ---- */

/* A directory file holding n entries named e0, e1, ... */
static File *
mkdir_(const char *name, int n)
{
	uchar buf[4096];
	char ename[16];
	long len;
	Dir d;
	File *f;
	int i;

	len = 0;
	for(i = 0; i < n; i++){
		memset(&d, 0, sizeof d);
		snprint(ename, sizeof ename, "e%d", i);
		d.name = ename;
		d.uid = d.gid = d.muid = "u";
		d.length = i * 100;
		d.qid.path = i;
		len += convD2M(&d, buf + len, sizeof buf - len);
	}
	f = mkfile(name, buf, len);
	f->isdir = 1;
	return f;
}

static void
dirread_returns_whole_entries_then_zero(void **state)
{
	Dir *d;
	int fd, i, n, total;

	(void)state;
	mkdir_("/d", 5);
	fd = open("/d", OREAD);
	maxio = 2;	/* two entries a read */
	total = 0;
	while((n = dirread(fd, &d)) > 0){
		assert_true(n <= 2);
		for(i = 0; i < n; i++){
			char want[16];

			snprint(want, sizeof want, "e%d", total + i);
			assert_string_equal(d[i].name, want);
			assert_int_equal(d[i].length, (total + i) * 100);
			assert_int_equal(d[i].qid.path, total + i);
		}
		total += n;
		free(d);
	}
	assert_int_equal(n, 0);
	assert_null(d);
	assert_int_equal(total, 5);
}

static void
dirreadall_reads_to_the_end(void **state)
{
	Dir *d;
	int fd;

	(void)state;
	mkdir_("/d", 7);
	fd = open("/d", OREAD);
	maxio = 3;
	assert_int_equal(dirreadall(fd, &d), 7);
	assert_string_equal(d[0].name, "e0");
	assert_string_equal(d[6].name, "e6");
	assert_string_equal(d[6].uid, "u");
	free(d);
	assert_int_equal(dirreadall(fd, &d), 0);
}

static void
dirread_refuses_a_torn_entry(void **state)
{
	char buf[ERRMAX];
	File *f;
	Dir *d;
	int fd;

	(void)state;
	f = mkdir_("/d", 2);
	f->len -= 3;		/* the last entry cut short */
	rawdir = 1;
	fd = open("/d", OREAD);
	assert_int_equal(dirread(fd, &d), -1);
	assert_null(d);
	rerrstr(buf, sizeof buf);
	assert_non_null(strstr(buf, "malformed directory entry"));
}

/* ---- Bio: reading ---- */

static void
bgetc_reads_every_byte_across_refills(void **state)
{
	Biobuf b;
	long i;
	int c;

	(void)state;
	patterned("f", 20000);
	maxio = 1000;	/* short reads too */
	assert_int_equal(Binit(&b, open("f", OREAD), OREAD), 0);
	for(i = 0; i < 20000; i++){
		c = Bgetc(&b);
		if(c != pat(i))
			fail_msg("byte %ld: got %d, want %d", i, c, pat(i));
	}
	assert_int_equal(Bgetc(&b), Beof);
	assert_int_equal(Bgetc(&b), Beof);
	Bterm(&b);
}

static void
bungetc_steps_back_across_a_refill_and_after_eof(void **state)
{
	Biobuf b;
	long i;

	(void)state;
	patterned("f", Bsize + 10);
	Binit(&b, open("f", OREAD), OREAD);
	for(i = 0; i <= Bsize; i++)
		Bgetc(&b);		/* the last took a refill */
	assert_int_equal(Bungetc(&b), 1);
	assert_int_equal(Bungetc(&b), 1);
	assert_int_equal(Bungetc(&b), 1);
	assert_int_equal(Bgetc(&b), pat(Bsize-2));
	assert_int_equal(Bgetc(&b), pat(Bsize-1));
	assert_int_equal(Bgetc(&b), pat(Bsize));
	for(i = Bsize+1; i < Bsize+10; i++)
		Bgetc(&b);
	assert_int_equal(Bgetc(&b), Beof);
	assert_int_equal(Bungetc(&b), 1);	/* gives back the last byte */
	assert_int_equal(Bgetc(&b), pat(Bsize+9));
	Bterm(&b);
}

static void
brdline_returns_lines_and_leaves_a_partial_last_one(void **state)
{
	Biobuf b;
	char *p;

	(void)state;
	mkfile("f", "one\ntwo\nthree", 13);
	maxio = 2;
	Binit(&b, open("f", OREAD), OREAD);
	p = Brdline(&b, '\n');
	assert_non_null(p);
	assert_int_equal(Blinelen(&b), 4);
	assert_memory_equal(p, "one\n", 4);
	p = Brdline(&b, '\n');
	assert_memory_equal(p, "two\n", 4);
	assert_null(Brdline(&b, '\n'));
	assert_int_equal(Blinelen(&b), 5);	/* "three" is still there */
	p = Brdstr(&b, '\n', 0);
	assert_string_equal(p, "three");
	free(p);
	assert_null(Brdstr(&b, '\n', 0));
	Bterm(&b);
}

static void
brdline_skips_a_line_longer_than_the_buffer(void **state)
{
	static char buf[Bsize + 200];
	Biobuf b;
	char *p;

	(void)state;
	memset(buf, 'L', Bsize + 100);
	memcpy(buf + Bsize + 100, "\nnext\n", 6);
	mkfile("f", buf, Bsize + 106);
	Binit(&b, open("f", OREAD), OREAD);
	assert_null(Brdline(&b, '\n'));
	assert_int_equal(Blinelen(&b), Bsize);
	p = Brdline(&b, '\n');
	assert_non_null(p);
	assert_int_equal(Blinelen(&b), 101);	/* the rest of the long line */
	p = Brdline(&b, '\n');
	assert_memory_equal(p, "next\n", 5);
	Bterm(&b);
}

static void
brdstr_reads_lines_of_any_length_and_can_drop_the_delimiter(void **state)
{
	static char buf[30010];
	Biobuf b;
	char *p;

	(void)state;
	memset(buf, 'x', 30000);
	memcpy(buf + 30000, "\nab\n", 4);
	mkfile("f", buf, 30004);
	maxio = 777;
	Binit(&b, open("f", OREAD), OREAD);
	p = Brdstr(&b, '\n', 1);
	assert_int_equal(Blinelen(&b), 30000);
	assert_int_equal(strlen(p), 30000);
	free(p);
	p = Brdstr(&b, '\n', 0);
	assert_string_equal(p, "ab\n");
	assert_int_equal(Blinelen(&b), 3);
	free(p);
	Bterm(&b);
}

static void
bread_spans_buffers_and_stops_at_eof(void **state)
{
	static uchar buf[20000];
	Biobuf b;
	long i, n, got;

	(void)state;
	patterned("f", 20000);
	maxio = 1500;
	Binit(&b, open("f", OREAD), OREAD);
	Bgetc(&b);
	buf[0] = pat(0);
	for(got = 1; (n = Bread(&b, buf + got, 3000)) > 0; got += n)
		;
	assert_int_equal(n, 0);
	assert_int_equal(got, 20000);
	for(i = 0; i < 20000; i++)
		if(buf[i] != pat(i))
			fail_msg("byte %ld wrong", i);
	Bterm(&b);
}

static void
bgetrune_decodes_across_refills_and_bad_bytes(void **state)
{
	static char buf[Bsize + 16];
	Biobuf b;
	long i;

	(void)state;
	memset(buf, 'a', Bsize - 1);
	memcpy(buf + Bsize - 1, "\xE2\x98\xBA\xFF" "b\xE2\x98", 7);	/* ☺ across the refill, a bad byte, b, a cut rune */
	mkfile("f", buf, Bsize + 6);
	Binit(&b, open("f", OREAD), OREAD);
	for(i = 0; i < Bsize - 1; i++)
		assert_int_equal(Bgetrune(&b), 'a');
	assert_int_equal(Bgetrune(&b), 0x263A);
	assert_int_equal(b.runesize, 3);
	assert_int_equal(Bungetrune(&b), 1);
	assert_int_equal(Bgetrune(&b), 0x263A);
	assert_int_equal(Bgetrune(&b), Runeerror);
	assert_int_equal(b.runesize, 1);
	assert_int_equal(Bgetrune(&b), 'b');
	assert_int_equal(Bgetrune(&b), Runeerror);	/* E2 98 then the end */
	assert_int_equal(Bgetrune(&b), Runeerror);
	assert_int_equal(Bgetrune(&b), Beof);
	Bterm(&b);
}

static void
boffset_and_bseek_follow_the_programs_position(void **state)
{
	Biobuf b;
	int fd, i;

	(void)state;
	patterned("f", 5000);
	fd = open("f", OREAD);
	seek(fd, 100, 0);
	Binit(&b, fd, OREAD);
	assert_int_equal(Boffset(&b), 100);	/* starts where the fd was */
	for(i = 0; i < 10; i++)
		Bgetc(&b);
	assert_int_equal(Boffset(&b), 110);
	assert_int_equal(Bbuffered(&b), 5000 - 110);
	assert_int_equal(Bseek(&b, 5, 1), 115);	/* relative to the program's place, not the fd's */
	assert_int_equal(Bgetc(&b), pat(115));
	assert_int_equal(Bseek(&b, 4990, 0), 4990);
	assert_int_equal(Bgetc(&b), pat(4990));
	assert_int_equal(Bfildes(&b), fd);
	Bterm(&b);
}

/* ---- Bio: writing ---- */

static void
bio_writes_collect_until_the_buffer_fills_or_bflush(void **state)
{
	static uchar big[20000];
	Biobuf b;
	File *f;
	long i;

	(void)state;
	f = mkfile("out", "", 0);
	Binit(&b, open("out", OWRITE), OWRITE);
	assert_int_equal(Bprint(&b, "%d-%s", 5, "x"), 3);
	assert_int_equal(Bputc(&b, '!'), 0);
	assert_int_equal(Bputrune(&b, 0x263A), 3);
	assert_int_equal(f->len, 0);		/* nothing written yet */
	assert_int_equal(Boffset(&b), 7);
	assert_int_equal(Bflush(&b), 0);
	assert_int_equal(f->len, 7);
	assert_memory_equal(f->data, "5-x!\xE2\x98\xBA", 7);
	for(i = 0; i < (long)sizeof big; i++)
		big[i] = pat(i);
	assert_int_equal(Bwrite(&b, big, sizeof big), sizeof big);
	assert_int_equal(f->nwrites, 3);	/* the flush, then two full buffers */
	assert_int_equal(Bterm(&b), 0);
	assert_int_equal(f->len, 7 + 20000);
	assert_memory_equal(f->data + 7, big, 20000);
}

static void
exits_flushes_writers_not_yet_termed(void **state)
{
	Biobuf a, b;
	File *fa, *fb;

	(void)state;
	fa = mkfile("a", "", 0);
	fb = mkfile("b", "", 0);
	Binit(&a, open("a", OWRITE), OWRITE);
	Binit(&b, open("b", OWRITE), OWRITE);
	Bprint(&a, "left behind");
	Bprint(&b, "termed");
	Bterm(&b);
	Bprint(&b, "after term");	/* refused: b is done */
	EXPECT_EXIT(exits(nil));
	assert_int_equal(fa->len, 11);
	assert_memory_equal(fa->data, "left behind", 11);
	assert_int_equal(fb->len, 6);
	assert_int_equal(fb->nwrites, 1);
}

static void
write_error_kills_the_biobuf(void **state)
{
	Biobuf b;

	(void)state;
	mkfile("out", "", 0);
	Binit(&b, open("out", OWRITE), OWRITE);
	Bprint(&b, "data");
	failwrites = 1;
	assert_int_equal(Bflush(&b), Beof);
	failwrites = 0;
	assert_int_equal(Bputc(&b, 'x'), Beof);
	assert_int_equal(Bprint(&b, "more"), Beof);
	assert_int_equal(Bwrite(&b, "x", 1), Beof);
	Bterm(&b);
}

static void
bopen_owrite_creates_and_bterm_closes(void **state)
{
	Biobuf *bp;
	File *f;
	int fd;

	(void)state;
	bp = Bopen("/tmp/new", OWRITE);
	assert_non_null(bp);
	fd = Bfildes(bp);
	Bprint(bp, "hello %s\n", "file");
	assert_int_equal(Bterm(bp), 0);
	f = lookup("/tmp/new");
	assert_non_null(f);
	assert_int_equal(f->len, 11);
	assert_null(fds[fd].f);			/* closed */
	bp = Bopen("/tmp/new", OREAD);
	assert_int_equal(Bgetc(bp), 'h');
	Bterm(bp);
	assert_null(Bopen("/missing", OREAD));
	assert_null(Bopen("/tmp/new", ORDWR));
}

static void
binit_refuses_read_and_write_together(void **state)
{
	Biobuf b;
	char buf[ERRMAX];

	(void)state;
	assert_int_equal(Binit(&b, 1, ORDWR), Beof);
	assert_int_equal(Bgetc(&b), Beof);
	assert_int_equal(Bputc(&b, 'x'), Beof);
	rerrstr(buf, sizeof buf);
	assert_non_null(strstr(buf, "reads or writes"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(print_reaches_the_fd_in_buffer_sized_writes),
		T(fprint_says_minus_one_when_a_write_fails),
		T(readn_gathers_short_reads),
		T(dirstat_decodes_the_kernels_entry),
		T(dirstat_asks_again_with_room_for_a_long_name),
		T(dirstat_fails_with_the_kernels_error),
		T(dirstat_refuses_a_malformed_entry),
		T(dirfstat_stats_an_open_file),
		T(dirwstat_sends_the_entry_and_nulldir_changes_nothing_else),
		T(dirread_returns_whole_entries_then_zero),
		T(dirreadall_reads_to_the_end),
		T(dirread_refuses_a_torn_entry),
		T(bgetc_reads_every_byte_across_refills),
		T(bungetc_steps_back_across_a_refill_and_after_eof),
		T(brdline_returns_lines_and_leaves_a_partial_last_one),
		T(brdline_skips_a_line_longer_than_the_buffer),
		T(brdstr_reads_lines_of_any_length_and_can_drop_the_delimiter),
		T(bread_spans_buffers_and_stops_at_eof),
		T(bgetrune_decodes_across_refills_and_bad_bytes),
		T(boffset_and_bseek_follow_the_programs_position),
		T(bio_writes_collect_until_the_buffer_fills_or_bflush),
		T(exits_flushes_writers_not_yet_termed),
		T(write_error_kills_the_biobuf),
		T(bopen_owrite_creates_and_bterm_closes),
		T(binit_refuses_read_and_write_together),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
