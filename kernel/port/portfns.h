/*
 * portfns.h - portable kernel functions.
 */
#ifndef LUX9_PORTFNS_H
#define LUX9_PORTFNS_H

#include "portdat.h"
#include "kstring.h"
#include "fmt.h"

extern Conf conf;

/* print.c */
int	print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int	logprint(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void	panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void	backtrace(u64int pc, u64int bp);
const char *ksymname(u64int pc, u64int *off);
void	consinput(int c);
#define dprint(...)	logprint(LOGDEBUG, __VA_ARGS__)
#define iprint(...)	logprint(LOGINFO, __VA_ARGS__)

/* lock.c */
void	lock(Lock *l);
void	unlock(Lock *l);
int	canlock(Lock *l);

/* page.c: physical frames, the per-frame records and the kernel heap */
typedef struct Page Page;
void	pageinit(void);
void	pagemore(void);
Page	*pagerecord(u64int pa);
int	pagealloc(int order, u64int *pa);
void	pagefree(u64int pa, int order);
u64int	pagenfree(void);
void	*kaddr(u64int pa);
u64int	paddr(void *va);
typedef struct Heapstats Heapstats;
void	mallocinit(void);
void	mallocstats(Heapstats *s);
void	*malloc(size_t n);
void	*mallocz(size_t n);
void	free(void *p);

/* clock.c, via the arch */
u64int	nsec(void);
u64int	ticks(void);
void	delayus(u64int us);

/* pci.c */
extern Pcidev pcidevs[MAXPCIDEV];
extern int npcidev;
Pcidev	*pcifind(u16int vid, u16int did);

/* proc.c */
Proc	*proctab(int i);
void	ready(Proc *p);
int	anyready(void);
void	sched(void);
void	yield(void);
void	schedinit(void) __attribute__((noreturn));
Proc	*newproc(void);
Proc	*kproc(const char *name, void (*f)(void *), void *arg);
Proc	*kprocpri(const char *name, void (*f)(void *), void *arg, int pri);
void	procfree(Proc *p);
void	sleep(Rendez *r, int (*f)(void *), void *arg);
Proc	*wakeup(Rendez *r);
void	tsleep(Rendez *r, int (*f)(void *), void *arg, u64int ms);
int	return0(void *arg);
void	proctimers(void);
void	orphans(Proc *p);
u64int	nswitch(void);
void	pexit(const char *msg, int freemem) __attribute__((noreturn));

/* qlock.c */
void	qlock(QLock *q);
void	qunlock(QLock *q);

/* error.c */
#define waserror()	(up->nerrlab >= NERR ? (panic("waserror: too deep"), 0) : setlabel(&up->errlab[up->nerrlab++]))
#define poperror()	(up->nerrlab--)
void	error(const char *msg) __attribute__((noreturn));
void	nexterror(void) __attribute__((noreturn));

/* budget.c */
Budget	*budgetroot(void);
Budget	*newbudget(Budget *parent, const u64int *limit);
void	budgetref(Budget *b);
void	budgetput(Budget *b);
int	budgetcharge(Budget *b, int what, u64int n);
void	budgetuncharge(Budget *b, int what, u64int n);
int	budgetprint(Budget *b, char *buf, size_t n);

/* segment.c */
Seg	*newseg(int type, int prot, uintptr base, uintptr top, uintptr limit, Budget *b);
void	putseg(Seg *s);
Seg	*dupseg(Seg *s, Budget *b);
Seg	*seglookup(Proc *p, uintptr va, int *idx);
int	fault(uintptr va, int write, int exec, const char **err);
int	segbrk(Seg *s, uintptr addr);
int	segwrite(Seg *s, uintptr va, const void *buf, size_t n);

/* chan.c, sysfile.c, devboot.c */
Chan	*newchan(void);
void	incref(Lock *l, int *ref);
void	cclose(Chan *c);
Chan	*cclone(Chan *c);
int	devno(int dc);
Chan	*namec(const char *name, int omode);
Fgrp	*newfgrp(void);
Fgrp	*dupfgrp(Fgrp *f);
void	closefgrp(Fgrp *f);
Chan	*fdtochan(int fd, int mode);
int	newfd(Chan *c);
void	fdclose(int fd);
void	bootarchiveinit(void);
int	bootarchivefiles(void);
const u8int *bootfilebytes(Chan *c, u64int *len);

/* print.c: console input */
int	consready(void *arg);
long	constake(char *buf, long n);
long	consread(char *buf, long n);

/* syscall.c, note.c */
extern int needresched;
void	touserchecks(Ureg *u);
void	validaddr(uintptr addr, u64int len, int write);
void	copyin(void *dst, const void *usrc, size_t n);
void	copyout(void *udst, const void *src, size_t n);
long	copyinstr(char *dst, const char *usrc, size_t max);
int	postnote(Proc *p, const char *msg, int user);
void	notify(Ureg *u);
void	userfault(Ureg *u, u64int vector, u64int addr, u64int err);

/* selftest.c */
void	selftests(const char *which);

#endif
