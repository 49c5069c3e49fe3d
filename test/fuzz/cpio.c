/*
 * cpio.c - libFuzzer target for lib/cpio.c.
 *
 * The input is a boot archive.  Whatever it holds, cpioparse must either
 * reject it with a message or return entries that keep every promise
 * in cpio.h: clean unique names, only files and directories, data
 * inside the input, parents present as directories.  Each input is also
 * parsed with room for only a few entries, which must give the same
 * answer when they fit and an error when they do not.
 * Seeds come from "build/host/cpio_test --corpus DIR".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "u.h"
#include "cpio.h"

enum { Few = 3 };

static Cpiofile files[CPIOMAXFILES];
static Cpiofile few[CPIOMAXFILES];

static void
check(int ok)
{
	if(!ok)
		abort();
}

static void
checkerr(const char *err, size_t size, int failed)
{
	size_t len;

	len = strnlen(err, size);
	check(len < size);
	check(failed ? len > 0 : len == 0);
}

static void
checkname(const char *name)
{
	size_t len, i, elem;

	len = strnlen(name, CPIONAMELEN);
	check(len > 0 && len < CPIONAMELEN);
	elem = 0;
	for(i = 0; i <= len; i++){
		if(i < len){
			check((u8int)name[i] >= 0x20 && (u8int)name[i] != 0x7F);
			if(name[i] != '/')
				continue;
		}
		check(i > elem);
		check(!(i - elem == 1 && name[elem] == '.'));
		check(!(i - elem == 2 && name[elem] == '.' && name[elem+1] == '.'));
		elem = i+1;
	}
}

static void
checkparent(const Cpiofile *f, int nf, const char *name)
{
	char parent[CPIONAMELEN];
	const char *slash;
	int j;

	slash = strrchr(name, '/');
	if(slash == NULL)
		return;
	memcpy(parent, name, slash - name);
	parent[slash - name] = 0;
	j = cpiolookup(f, nf, parent);
	check(j >= 0 && (f[j].mode & CPIOTYPE) == CPIODIR);
}

static void
checkfiles(const Cpiofile *f, int nf, size_t n)
{
	int i;

	check(nf >= 0 && nf <= CPIOMAXFILES);
	for(i = 0; i < nf; i++){
		checkname(f[i].name);
		check(cpiolookup(f, nf, f[i].name) == i);
		check((f[i].mode & CPIOTYPE) == CPIOREG || (f[i].mode & CPIOTYPE) == CPIODIR);
		if((f[i].mode & CPIOTYPE) == CPIODIR)
			check(f[i].size == 0);
		else
			check(!f[i].implied);
		check(f[i].off <= n && f[i].size <= n - f[i].off);
		checkparent(f, nf, f[i].name);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[128], err2[128];
	int nf, nfew;

	memset(err, 0xFF, sizeof err);
	nf = cpioparse(data, size, files, CPIOMAXFILES, err, sizeof err);
	checkerr(err, sizeof err, nf < 0);
	if(nf >= 0)
		checkfiles(files, nf, size);

	memset(err2, 0xFF, sizeof err2);
	nfew = cpioparse(data, size, few, Few, err2, sizeof err2);
	checkerr(err2, sizeof err2, nfew < 0);
	if(nf >= 0 && nf <= Few){
		check(nfew == nf);
		check(memcmp(few, files, nf * sizeof files[0]) == 0);
	}else if(nf > Few)
		check(nfew < 0);
	return 0;
}
