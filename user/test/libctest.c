/*
 * libctest.c - libc inside Lux9: Plan 9 print verbs, errstr and %r,
 * malloc under stress, directory reads and stat of the boot archive, Bio.
 */
#include <u.h>
#include <libc.h>
#include <bio.h>
#include "t.h"

static char *
print_verbs(void)
{
	char buf[128];

	snprint(buf, sizeof buf, "%d %ud %x %lld %s %c|%5d|%-3d|", -7, 7, 255, -1LL, "s", 'c', 42, 1);
	if(strcmp(buf, "-7 7 ff -1 s c|   42|1  |") != 0)
		return smprint("got '%s'", buf);
	snprint(buf, sizeof buf, "%C%S", (Rune)0x263A, (Rune[]){ 'a', 0x3B1, 0 });
	if(strcmp(buf, "\xe2\x98\xba" "a\xce\xb1") != 0)
		return smprint("runes gave '%s'", buf);
	return nil;
}

static char *
errstr_and_r(void)
{
	char buf[ERRMAX];

	if(open("/boot/no/such/file", OREAD) >= 0)
		return "open of a missing file succeeded";
	snprint(buf, sizeof buf, "%r");
	if(strstr(buf, "does not exist") == nil)
		return smprint("%%r gave '%s'", buf);
	werrstr("custom %d", 5);
	rerrstr(buf, sizeof buf);
	if(strcmp(buf, "custom 5") != 0)
		return smprint("werrstr/rerrstr gave '%s'", buf);
	return nil;
}

static char *
malloc_stress(void)
{
	enum { N = 200 };
	uchar *p[N];
	ulong sz[N], seed, i, j, k;

	memset(p, 0, sizeof p);
	seed = 1;
	for(k = 0; k < 5000; k++){
		seed = seed * 1103515245 + 12345;
		i = (seed >> 8) % N;
		if(p[i] != nil){
			for(j = 0; j < sz[i]; j++)
				if(p[i][j] != (uchar)(i + j))
					return smprint("block %lud corrupt at %lud", i, j);
			free(p[i]);
			p[i] = nil;
			continue;
		}
		sz[i] = 1 + (seed >> 16) % ((seed & 1) ? 100 : 20000);
		p[i] = malloc(sz[i]);
		if(p[i] == nil)
			return smprint("malloc(%lud): %r", sz[i]);
		for(j = 0; j < sz[i]; j++)
			p[i][j] = i + j;
	}
	for(i = 0; i < N; i++)
		free(p[i]);
	return nil;
}

static char *
dirs_of_boot(void)
{
	Dir *d, *e;
	int fd, n, i, found;

	fd = open("/boot/test", OREAD);
	if(fd < 0)
		return smprint("open /boot/test: %r");
	n = dirreadall(fd, &d);
	close(fd);
	found = 0;
	for(i = 0; i < n; i++)
		if(strcmp(d[i].name, "libctest") == 0)
			found = 1;
	free(d);
	if(!found)
		return "dirread of /boot/test lacks libctest";
	e = dirstat("/boot/test/libctest");
	if(e == nil)
		return smprint("dirstat: %r");
	if(e->length == 0 || (e->mode & DMDIR) || (e->mode & 0222))
		return smprint("dirstat: length %lld mode %uo", e->length, e->mode);
	free(e);
	e = dirstat("/boot");
	if(e == nil || !(e->mode & DMDIR))
		return "/boot is not a directory";
	free(e);
	return nil;
}

static char *
bio_reads_lines(void)
{
	Biobuf *b;
	char *line;
	long n;

	/* this program's own bytes: the ELF magic then some lines of binary */
	b = Bopen("/boot/test/libctest", OREAD);
	if(b == nil)
		return smprint("Bopen: %r");
	if(Bgetc(b) != 0x7F || Bgetc(b) != 'E' || Bgetc(b) != 'L' || Bgetc(b) != 'F')
		return "Bgetc did not read the ELF magic";
	n = 4;
	while((line = Brdline(b, '\n')) != nil)
		n += Blinelen(b);
	Bterm(b);
	if(n < 1000)
		return smprint("read only %ld bytes through Bio", n);
	return nil;
}

static char *
seek_and_pread(void)
{
	char a[4], b[4];
	int fd;

	fd = open("/boot/test/libctest", OREAD);
	if(fd < 0)
		return smprint("open: %r");
	if(seek(fd, 1, 0) != 1 || read(fd, a, 3) != 3 || memcmp(a, "ELF", 3) != 0)
		return "seek then read did not give ELF";
	if(pread(fd, b, 3, 1) != 3 || memcmp(b, "ELF", 3) != 0)
		return "pread at 1 did not give ELF";
	if(seek(fd, 0, 1) != 4)
		return "pread moved the file offset";
	if(seek(fd, -1, 0) != -1)
		return "seek to -1 succeeded";
	close(fd);
	return nil;
}

static char *
file_calls(void)
{
	char path[128], e[ERRMAX], c;
	Dir *d, *fd0;
	int fd, fd2;

	fd = open("/boot/test/libctest", OREAD);
	if(fd < 0)
		return smprint("open: %r");
	fd2 = dup(fd, -1);
	if(fd2 < 0 || fd2 == fd)
		return smprint("dup gave %d: %r", fd2);
	if(read(fd, &c, 1) != 1 || seek(fd2, 0, 1) != 1)
		return "a dup'd fd does not share the offset";
	if(fd2path(fd2, path, sizeof path) < 0 || strcmp(path, "/boot/test/libctest") != 0)
		return smprint("fd2path gave '%s'", path);
	fd0 = dirfstat(fd);
	d = dirstat("/boot/test/libctest");
	if(fd0 == nil || d == nil || fd0->length != d->length || fd0->qid.path != d->qid.path)
		return "fstat and stat disagree";
	free(fd0);
	free(d);
	close(fd);
	close(fd2);
	if(dup(fd2, -1) != -1)
		return "dup of a closed fd succeeded";
	if(chdir("/boot/test") < 0)
		return smprint("chdir: %r");
	fd = open("libctest", OREAD);
	if(fd < 0)
		return smprint("open relative to the new directory: %r");
	close(fd);
	if(chdir("/boot/test/libctest") != -1)
		return "chdir to a file succeeded";
	chdir("/");
	if(create("/boot/newfile", OWRITE, 0666) != -1)
		return "create in the boot archive succeeded";
	rerrstr(e, sizeof e);
	if(strstr(e, "permission denied") == nil)
		return smprint("create said '%s'", e);
	if(remove("/boot/test/libctest") != -1)
		return "remove of a boot file succeeded";
	d = dirstat("/boot/test/libctest");
	if(d == nil)
		return "dirstat failed";
	d->mode = 0777;
	if(dirwstat("/boot/test/libctest", d) != -1)
		return "wstat of a boot file succeeded";
	free(d);
	return nil;
}

void
main(void)
{
	check("libc_print_plan9_verbs", print_verbs());
	check("libc_errstr_and_percent_r", errstr_and_r());
	check("libc_malloc_stress", malloc_stress());
	check("libc_dirread_and_dirstat_of_boot", dirs_of_boot());
	check("libc_bio_reads_a_file", bio_reads_lines());
	check("libc_seek_and_pread", seek_and_pread());
	check("file_calls_dup_fd2path_fstat_chdir_and_refusals", file_calls());
	tdone();
}
