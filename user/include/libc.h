/*
 * libc.h - Lux9's C library, Plan 9 flavoured: system calls, errstr,
 * print, strings and runes, malloc, ARGBEGIN, directory entries.
 * Programs begin with #include <u.h> and #include <libc.h>.
 * docs/libc.md says what each part does and where it departs from Plan 9.
 */
#ifndef LUX9_LIBC_H
#define LUX9_LIBC_H

#include "u.h"
#include "../../include/sys.h"	/* call numbers, open modes, rfork flags, ERRMAX */
#include "../../lib/dir.h"	/* Dir, Qid, DM*, QT*, convM2D, convD2M */

#if defined(LUX9_HOSTED) && !defined(LUX9_HOSTNAMES)
#error "host code compiling libc must include user/libc/hosted.h first (docs/libc.md)"
#endif

/*
 * System calls: one assembly stub each (sys.S), arguments as in
 * include/sys.h.  A call that fails returns -1 and sets the error string.
 */
int	sysnop(void);
_Noreturn void	_exits(const char *msg);	/* exits without running atexit handlers */
int	rfork(int flags);
int	exec(const char *name, char *const *argv);
int	await(char *buf, int n);
int	errstr(char *buf, uint n);
int	sleep(long ms);
long	alarm(ulong ms);
int	brk_(void *addr);
vlong	nsec(void);
int	notify(void (*fn)(void *ureg, char *note));
int	noted(int v);
int	open(const char *name, int mode);
int	create(const char *name, int mode, ulong perm);
long	read(int fd, void *buf, long n);
long	write(int fd, const void *buf, long n);
long	pread(int fd, void *buf, long n, vlong off);
long	pwrite(int fd, const void *buf, long n, vlong off);
vlong	seek(int fd, vlong off, int type);
int	close(int fd);
int	dup(int oldfd, int newfd);
int	fd2path(int fd, char *buf, int n);
int	stat(const char *name, uchar *edir, int n);
int	fstat(int fd, uchar *edir, int n);
int	wstat(const char *name, const uchar *edir, int n);
int	fwstat(int fd, const uchar *edir, int n);
int	remove(const char *name);
int	pipe(int fd[2]);
int	chdir(const char *dir);

/* processes */
extern char *argv0;	/* the program's name: argv[0], set by crt0 */
_Noreturn void	exits(const char *msg);	/* nil or "" means success */
int	atexit(void (*f)(void));	/* 1 if registered, 0 if the table is full */
void	atexitdont(void (*f)(void));
_Noreturn void	abort(void);
/* wait.c: a child's end, as await reports it */
typedef struct Waitmsg Waitmsg;
struct Waitmsg {
	int	pid;
	ulong	time[3];	/* user, system, real milliseconds */
	char	*msg;		/* "" for a clean exit */
};
Waitmsg	*wait(void);
int	waitpid(void);
int	getpid(void);		/* from /dev/pid */
int	getppid(void);
_Noreturn void	sysfatal(const char *fmt, ...);	/* prints "argv0: msg" and exits(msg) */
int	fork(void);
long	readn(int fd, void *buf, long n);	/* reads until n bytes, EOF or error */
int	brk(void *addr);
void	*sbrk(ulong n);	/* (void*)-1 on failure */

/* the error string (the kernel holds it; %r prints it) */
void	werrstr(const char *fmt, ...);
void	rerrstr(char *buf, uint n);

/* formatted output in Plan 9's dialect (docs/libc.md); not checked by the compiler */
int	print(const char *fmt, ...);
int	fprint(int fd, const char *fmt, ...);
int	snprint(char *buf, int len, const char *fmt, ...);
char	*seprint(char *buf, char *e, const char *fmt, ...);
char	*smprint(const char *fmt, ...);
int	vfprint(int fd, const char *fmt, va_list ap);
int	vsnprint(char *buf, int len, const char *fmt, va_list ap);
char	*vseprint(char *buf, char *e, const char *fmt, va_list ap);
char	*vsmprint(const char *fmt, va_list ap);

/* memory and strings (C's signatures, so the compiler's own calls match) */
void	*memset(void *d, int c, usize n);
void	*memcpy(void *restrict d, const void *restrict s, usize n);
void	*memmove(void *d, const void *s, usize n);
int	memcmp(const void *a, const void *b, usize n);
void	*memchr(const void *s, int c, usize n);
usize	strlen(const char *s);
int	strcmp(const char *a, const char *b);
int	strncmp(const char *a, const char *b, usize n);
char	*strcpy(char *restrict d, const char *restrict s);
char	*strncpy(char *restrict d, const char *restrict s, usize n);
char	*strecpy(char *d, char *e, const char *s);
char	*strcat(char *restrict d, const char *restrict s);
char	*strchr(const char *s, int c);
char	*strrchr(const char *s, int c);
char	*strstr(const char *s, const char *t);
char	*strdup(const char *s);

/* numbers from text */
int	atoi(const char *s);
long	atol(const char *s);
vlong	atoll(const char *s);
long	strtol(const char *s, char **end, int base);
ulong	strtoul(const char *s, char **end, int base);
vlong	strtoll(const char *s, char **end, int base);
uvlong	strtoull(const char *s, char **end, int base);

/* characters: ASCII only; anything else (and EOF) is in no class */
int	isalpha(int c);
int	isdigit(int c);
int	isalnum(int c);
int	isspace(int c);
int	isupper(int c);
int	islower(int c);
int	isxdigit(int c);
int	ispunct(int c);
int	isprint(int c);
int	isgraph(int c);
int	iscntrl(int c);
int	tolower(int c);
int	toupper(int c);

/* runes and UTF-8 */
enum {
	UTFmax		= 4,		/* most bytes in one rune's UTF-8 */
	Runesync	= 0x80,		/* below this a byte is a rune by itself */
	Runeself	= 0x80,
	Runeerror	= 0xFFFD,	/* what bad UTF-8 decodes to */
	Runemax		= 0x10FFFF,
};
int	runetochar(char *s, const Rune *r);	/* bad runes encode as Runeerror */
int	chartorune(Rune *r, const char *s);	/* bad bytes decode as Runeerror, length 1 */
int	runelen(long r);
int	fullrune(const char *s, int n);
int	utflen(const char *s);
char	*utfrune(const char *s, long r);
char	*utfrrune(const char *s, long r);
char	*utfecpy(char *d, char *e, const char *s);	/* strecpy that never splits a rune */

/* memory allocation over brk; corruption or a double free aborts */
void	*malloc(usize n);
void	*mallocz(usize n, int clr);
void	*calloc(usize n, usize size);
void	*realloc(void *p, usize n);
void	free(void *p);
usize	msize(void *p);	/* the usable bytes of p, at least what was asked */

/* spin locks between processes sharing memory (rfork RFMEM) */
typedef struct Lock Lock;
struct Lock {
	int	val;	/* 0 free, 1 held */
};
void	lock(Lock *l);
void	unlock(Lock *l);
int	canlock(Lock *l);

/* directory entries */
Dir	*dirstat(const char *name);	/* one malloc'd block: free(d) frees it all */
Dir	*dirfstat(int fd);
int	dirwstat(const char *name, const Dir *d);
int	dirfwstat(int fd, const Dir *d);
long	dirread(int fd, Dir **d);	/* entries in one malloc'd block; 0 at the end */
long	dirreadall(int fd, Dir **d);
void	nulldir(Dir *d);	/* every field "don't change", for dirwstat */

/*
 * Options, as Plan 9 parses them:
 *
 *	ARGBEGIN{
 *	case 'v': verbose++; break;
 *	case 'o': out = EARGF(usage()); break;
 *	default: usage();
 *	}ARGEND
 *
 * leaves argc and argv holding the operands.  "--" ends the options; a
 * lone "-" is an operand.  ARGF() is an option's argument (nil if none),
 * EARGF(x) evaluates x (which should not return) when there is none, and
 * ARGC() is the option letter, a Rune.
 */
#define ARGBEGIN \
	for((void)(argv0 != nil || (argv0 = *argv) != nil), argv += argc > 0, argc -= argc > 0; \
	    argv[0] != nil && argv[0][0] == '-' && argv[0][1] != 0; \
	    argc--, argv++){ \
		char *_args, *_argt = nil; \
		Rune _argc = 0; \
		_args = &argv[0][1]; \
		if(_args[0] == '-' && _args[1] == 0){ \
			argc--; \
			argv++; \
			break; \
		} \
		while(*_args != 0 && (_args += chartorune(&_argc, _args))) \
			switch(_argc)
#define ARGEND \
		USED(_argt); USED(_argc); USED(_args); \
	} \
	USED(argv); USED(argc);
#define ARGF() \
	(_argt = _args, _args = "", \
	 (*_argt != 0 ? _argt : argv[1] != nil ? (argc--, *++argv) : nil))
#define EARGF(x) \
	(_argt = _args, _args = "", \
	 (*_argt != 0 ? _argt : argv[1] != nil ? (argc--, *++argv) : ((x), abort(), (char *)nil)))
#define ARGC()	_argc

#endif
