/*
 * sysfile.c - the file system calls, over channels and the fd table.
 * Each raises error() on failure; syscall() turns that into -1 and the
 * process's error string.
 */
#include "portfns.h"
#include "fns.h"
#include "dev.h"

Fgrp *
newfgrp(void)
{
	Fgrp *f;

	f = mallocz(sizeof *f);
	if(f == nil)
		error("out of kernel memory");
	f->ref = 1;
	return f;
}

/* A copy of f with every channel shared (RFFDG). */
Fgrp *
dupfgrp(Fgrp *f)
{
	Fgrp *n;
	int i;

	n = newfgrp();
	lock(&f->lk);
	for(i = 0; i < NFD; i++)
		if(f->fd[i] != nil){
			n->fd[i] = f->fd[i];
			incref(&f->fd[i]->lk, &f->fd[i]->ref);
		}
	unlock(&f->lk);
	return n;
}

void
closefgrp(Fgrp *f)
{
	int i, r;

	if(f == nil)
		return;
	lock(&f->lk);
	r = --f->ref;
	unlock(&f->lk);
	if(r > 0)
		return;
	for(i = 0; i < NFD; i++)
		cclose(f->fd[i]);
	free(f);
}

int
newfd(Chan *c)
{
	Fgrp *f = up->fgrp;
	int i;

	lock(&f->lk);
	for(i = 0; i < NFD; i++)
		if(f->fd[i] == nil){
			f->fd[i] = c;
			unlock(&f->lk);
			return i;
		}
	unlock(&f->lk);
	error("too many open files");
	return -1;
}

/* The channel of fd, with a reference the caller must cclose. */
Chan *
fdtochan(int fd, int mode)
{
	Fgrp *f = up->fgrp;
	Chan *c;

	lock(&f->lk);
	if(fd < 0 || fd >= NFD || (c = f->fd[fd]) == nil){
		unlock(&f->lk);
		error("fd out of range or not open");
	}
	incref(&c->lk, &c->ref);
	unlock(&f->lk);
	if(mode >= 0 && c->open){
		if((mode == OWRITE && c->mode == OREAD) || (mode == OREAD && c->mode == OWRITE)){
			cclose(c);
			error("fd not open for this kind of i/o");
		}
	}
	return c;
}

/* The channel the user's name string at uname leads to (not opened). */
static Chan *
usernamec(u64int uname, int omode)
{
	char name[256];

	copyinstr(name, (const char *)uname, sizeof name);
	return namec(name, omode);
}

long
sysopen(u64int *a)
{
	Chan *c;
	int fd;

	c = usernamec(a[0], (int)a[1]);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	fd = newfd(c);
	poperror();
	return fd;
}

long
syscreate(u64int *a)
{
	char name[256], *slash;
	Chan *c;

	copyinstr(name, (const char *)a[0], sizeof name);
	slash = strrchr(name, '/');
	if(slash == nil)
		c = namec(".", -1);
	else{
		*slash = 0;
		c = namec(slash == name ? "/" : name, -1);
		*slash = '/';
	}
	if(waserror()){
		cclose(c);
		nexterror();
	}
	devtab[c->type]->create(c, slash != nil ? slash + 1 : name, (int)a[1], (u32int)a[2]);
	poperror();
	return newfd(c);
}

static long
rw(int fd, void *buf, long n, vlong uoff, int write, int useoff)
{
	Chan *c;
	long m;
	vlong off;
	int advance;

	if(n < 0)
		error("negative count");
	validaddr((uintptr)buf, n, !write);
	c = fdtochan(fd, write ? OWRITE : OREAD);
	advance = !useoff || uoff < 0;	/* pread(-1) is read */
	off = advance ? (vlong)c->offset : uoff;
	if(waserror()){
		cclose(c);
		nexterror();
	}
	if(!c->open)
		error("fd not open");
	if(write)
		m = devtab[c->type]->write(c, buf, n, off);
	else
		m = devtab[c->type]->read(c, buf, n, off);
	if(advance)
		c->offset = off + m;
	poperror();
	cclose(c);
	return m;
}

long sysread(u64int *a) { return rw((int)a[0], (void *)a[1], (long)a[2], -1, 0, 0); }
long syswrite(u64int *a) { return rw((int)a[0], (void *)a[1], (long)a[2], -1, 1, 0); }
long syspread(u64int *a) { return rw((int)a[0], (void *)a[1], (long)a[2], (vlong)a[3], 0, 1); }
long syspwrite(u64int *a) { return rw((int)a[0], (void *)a[1], (long)a[2], (vlong)a[3], 1, 1); }

long
sysseek(u64int *a)
{
	Chan *c;
	vlong off;
	u8int db[512];
	Dir d;
	char strs[512];

	c = fdtochan((int)a[0], -1);
	if(waserror()){
		cclose(c);
		nexterror();
	}
	if(c->qid.type & QTDIR)
		error("cannot seek a directory");
	off = (vlong)a[1];
	switch((int)a[2]){
	case 0:
		break;
	case 1:
		off += c->offset;
		break;
	case 2:
		if(convM2D(db, devtab[c->type]->stat(c, db, sizeof db), &d, strs) == 0)
			error("bad stat entry from device");
		off += d.length;
		break;
	default:
		error("bad seek type (want 0, 1 or 2)");
	}
	if(off < 0)
		error("negative seek offset");
	c->offset = off;
	poperror();
	cclose(c);
	return off;
}

void
fdclose(int fd)
{
	Fgrp *f = up->fgrp;
	Chan *c;

	lock(&f->lk);
	if(fd < 0 || fd >= NFD || (c = f->fd[fd]) == nil){
		unlock(&f->lk);
		error("fd out of range or not open");
	}
	f->fd[fd] = nil;
	unlock(&f->lk);
	cclose(c);
}

long
sysclose(u64int *a)
{
	fdclose((int)a[0]);
	return 0;
}

long
sysdup(u64int *a)
{
	Fgrp *f = up->fgrp;
	Chan *c, *old;
	int nfd = (int)a[1];

	c = fdtochan((int)a[0], -1);
	if(nfd < 0)
		return newfd(c);
	if(nfd >= NFD){
		cclose(c);
		error("fd out of range");
	}
	lock(&f->lk);
	old = f->fd[nfd];
	f->fd[nfd] = c;
	unlock(&f->lk);
	cclose(old);
	return nfd;
}

long
sysfd2path(u64int *a)
{
	Chan *c;
	long n;

	c = fdtochan((int)a[0], -1);
	n = strlen(c->path) + 1;
	if(waserror()){
		cclose(c);
		nexterror();
	}
	if((long)a[2] < n)
		error("buffer too small for the path");
	copyout((void *)a[1], c->path, n);
	poperror();
	cclose(c);
	return 0;
}

static long
statchan(Chan *c, u8int *ubuf, long n)
{
	u8int db[512];
	long m;

	if(n < 2)
		error("stat buffer too small");
	m = devtab[c->type]->stat(c, db, sizeof db);
	if(m > n){	/* as Plan 9: return the size needed in the first two bytes */
		db[0] = m - 2;
		db[1] = (m - 2) >> 8;
		copyout(ubuf, db, 2);
		return 2;
	}
	copyout(ubuf, db, m);
	return m;
}

typedef long Chanop(Chan *c, u64int *a);

/* op(c, a), with c closed afterwards whether or not op raised an error. */
static long
withchan(Chan *c, Chanop *op, u64int *a)
{
	long r;

	if(waserror()){
		cclose(c);
		nexterror();
	}
	r = op(c, a);
	poperror();
	cclose(c);
	return r;
}

static long
statop(Chan *c, u64int *a)
{
	return statchan(c, (u8int *)a[1], (long)a[2]);
}

static long
wstatop(Chan *c, u64int *a)
{
	u8int db[512];
	long n = (long)a[2];

	if(n <= 0 || n > (long)sizeof db)
		error("bad stat buffer size");
	copyin(db, (const void *)a[1], n);
	if(statcheck(db, n) < 0)
		error("malformed stat entry");
	return devtab[c->type]->wstat(c, db, n);
}

static long
removeop(Chan *c, u64int *a)
{
	(void)a;
	devtab[c->type]->remove(c);
	return 0;
}

long
sysstat(u64int *a)
{
	validaddr(a[1], (long)a[2], 1);
	return withchan(usernamec(a[0], -1), statop, a);
}

long
sysfstat(u64int *a)
{
	validaddr(a[1], (long)a[2], 1);
	return withchan(fdtochan((int)a[0], -1), statop, a);
}

long
syswstat(u64int *a)
{
	return withchan(usernamec(a[0], -1), wstatop, a);
}

long
sysfwstat(u64int *a)
{
	return withchan(fdtochan((int)a[0], -1), wstatop, a);
}

long
sysremove(u64int *a)
{
	return withchan(usernamec(a[0], -1), removeop, a);
}

long
syschdir(u64int *a)
{
	Chan *c;

	c = usernamec(a[0], -1);
	if((c->qid.type & QTDIR) == 0){
		cclose(c);
		error("not a directory");
	}
	cclose(up->dot);
	up->dot = c;
	return 0;
}
