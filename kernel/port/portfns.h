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
int	consgetc(void);
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

/* selftest.c */
void	selftests(const char *which);

#endif
