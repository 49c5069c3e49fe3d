/*
 * selftest.h - the in-kernel test table and helpers shared by the files
 * that hold tests.  A test returns nil when it passes, or why it failed.
 */
#ifndef LUX9_SELFTEST_H
#define LUX9_SELFTEST_H

typedef struct Selftest Selftest;
struct Selftest {
	const char	*name;
	const char	*(*fn)(void);
	int		explicit;	/* ends the boot: run only when named, never by "all" */
};

const char *fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
u64int	testrand(void);

/* memtest.c */
const char *testframes(void);
const char *testframesoom(void);
const char *testheap(void);
const char *testheapbad(void);

/* arch: mmutest.c */
const char *testmapunmap(void);
const char *testrofault(void);
const char *testtextfault(void);
const char *testnxfault(void);
const char *testguard(void);

/* proc.c */
const char *testsched_priority(void);
const char *testsched_roundrobin(void);

/* devtest.c */
const char *testmonotonic(void);
const char *testticks(void);
const char *testclocksrc(void);
const char *testacpi(void);
const char *testpci(void);
const char *testecam(void);

#endif
