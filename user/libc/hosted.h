/*
 * hosted.h - host tests only: lets a Linux test program compile libc's
 * sources in (a unity build) beside the host's C library.
 *
 * Every name libc defines gets a lux_ prefix here, so ours neither clash
 * with glibc's declarations nor replace glibc's functions for the whole
 * process (a test's own malloc named malloc would replace ASan's).  Test
 * code still writes the plain names and gets libc's, and a test fakes a
 * system call by defining it under its plain name.
 *
 * Order: the host's headers, then this file, then libc's .c files; a host
 * header included after this would have its declarations renamed too.
 * Names added to libc must be added here (docs/libc.md).
 */
#ifndef LUX9_HOSTED_NAMES_H
#define LUX9_HOSTED_NAMES_H

#ifndef LUX9_HOSTED
#error "hosted.h is for host builds (-DLUX9_HOSTED) only"
#endif

#define LUX9_HOSTNAMES	/* libc.h checks for it */
#define LUX9_LIBC	/* lib/fmt.h: Plan 9's snprint, not the kernel's */

#undef sysnop
#define sysnop lux_sysnop
#undef _exits
#define _exits lux__exits
#undef rfork
#define rfork lux_rfork
#undef exec
#define exec lux_exec
#undef await
#define await lux_await
#undef errstr
#define errstr lux_errstr
#undef sleep
#define sleep lux_sleep
#undef alarm
#define alarm lux_alarm
#undef brk_
#define brk_ lux_brk_
#undef nsec
#define nsec lux_nsec
#undef notify
#define notify lux_notify
#undef noted
#define noted lux_noted
#undef open
#define open lux_open
#undef create
#define create lux_create
#undef read
#define read lux_read
#undef write
#define write lux_write
#undef pread
#define pread lux_pread
#undef pwrite
#define pwrite lux_pwrite
#undef seek
#define seek lux_seek
#undef close
#define close lux_close
#undef dup
#define dup lux_dup
#undef fd2path
#define fd2path lux_fd2path
#undef stat
#define stat lux_stat
#undef fstat
#define fstat lux_fstat
#undef wstat
#define wstat lux_wstat
#undef fwstat
#define fwstat lux_fwstat
#undef remove
#define remove lux_remove
#undef pipe
#define pipe lux_pipe
#undef chdir
#define chdir lux_chdir
#undef argv0
#define argv0 lux_argv0
#undef exits
#define exits lux_exits
#undef atexit
#define atexit lux_atexit
#undef atexitdont
#define atexitdont lux_atexitdont
#undef abort
#define abort lux_abort
#undef sysfatal
#define sysfatal lux_sysfatal
#undef fork
#define fork lux_fork
#undef readn
#define readn lux_readn
#undef brk
#define brk lux_brk
#undef sbrk
#define sbrk lux_sbrk
#undef werrstr
#define werrstr lux_werrstr
#undef rerrstr
#define rerrstr lux_rerrstr
#undef print
#define print lux_print
#undef fprint
#define fprint lux_fprint
#undef snprint
#define snprint lux_snprint
#undef seprint
#define seprint lux_seprint
#undef smprint
#define smprint lux_smprint
#undef vfprint
#define vfprint lux_vfprint
#undef vsnprint
#define vsnprint lux_vsnprint
#undef vseprint
#define vseprint lux_vseprint
#undef vsmprint
#define vsmprint lux_vsmprint
#undef memset
#define memset lux_memset
#undef memcpy
#define memcpy lux_memcpy
#undef memmove
#define memmove lux_memmove
#undef memcmp
#define memcmp lux_memcmp
#undef memchr
#define memchr lux_memchr
#undef strlen
#define strlen lux_strlen
#undef strcmp
#define strcmp lux_strcmp
#undef strncmp
#define strncmp lux_strncmp
#undef strcpy
#define strcpy lux_strcpy
#undef strncpy
#define strncpy lux_strncpy
#undef strecpy
#define strecpy lux_strecpy
#undef strcat
#define strcat lux_strcat
#undef strchr
#define strchr lux_strchr
#undef strrchr
#define strrchr lux_strrchr
#undef strstr
#define strstr lux_strstr
#undef strdup
#define strdup lux_strdup
#undef atoi
#define atoi lux_atoi
#undef atol
#define atol lux_atol
#undef atoll
#define atoll lux_atoll
#undef strtol
#define strtol lux_strtol
#undef strtoul
#define strtoul lux_strtoul
#undef strtoll
#define strtoll lux_strtoll
#undef strtoull
#define strtoull lux_strtoull
#undef isalpha
#define isalpha lux_isalpha
#undef isdigit
#define isdigit lux_isdigit
#undef isalnum
#define isalnum lux_isalnum
#undef isspace
#define isspace lux_isspace
#undef isupper
#define isupper lux_isupper
#undef islower
#define islower lux_islower
#undef isxdigit
#define isxdigit lux_isxdigit
#undef ispunct
#define ispunct lux_ispunct
#undef isprint
#define isprint lux_isprint
#undef isgraph
#define isgraph lux_isgraph
#undef iscntrl
#define iscntrl lux_iscntrl
#undef tolower
#define tolower lux_tolower
#undef toupper
#define toupper lux_toupper
#undef runetochar
#define runetochar lux_runetochar
#undef chartorune
#define chartorune lux_chartorune
#undef runelen
#define runelen lux_runelen
#undef fullrune
#define fullrune lux_fullrune
#undef utflen
#define utflen lux_utflen
#undef utfrune
#define utfrune lux_utfrune
#undef utfrrune
#define utfrrune lux_utfrrune
#undef utfecpy
#define utfecpy lux_utfecpy
#undef malloc
#define malloc lux_malloc
#undef mallocz
#define mallocz lux_mallocz
#undef calloc
#define calloc lux_calloc
#undef realloc
#define realloc lux_realloc
#undef free
#define free lux_free
#undef msize
#define msize lux_msize
#undef lock
#define lock lux_lock
#undef unlock
#define unlock lux_unlock
#undef canlock
#define canlock lux_canlock
#undef dirstat
#define dirstat lux_dirstat
#undef dirfstat
#define dirfstat lux_dirfstat
#undef dirwstat
#define dirwstat lux_dirwstat
#undef dirfwstat
#define dirfwstat lux_dirfwstat
#undef dirread
#define dirread lux_dirread
#undef dirreadall
#define dirreadall lux_dirreadall
#undef nulldir
#define nulldir lux_nulldir
#undef Binit
#define Binit lux_Binit
#undef Bopen
#define Bopen lux_Bopen
#undef Bterm
#define Bterm lux_Bterm
#undef Bfildes
#define Bfildes lux_Bfildes
#undef Bflush
#define Bflush lux_Bflush
#undef Bbuffered
#define Bbuffered lux_Bbuffered
#undef Boffset
#define Boffset lux_Boffset
#undef Bseek
#define Bseek lux_Bseek
#undef Bgetc
#define Bgetc lux_Bgetc
#undef Bungetc
#define Bungetc lux_Bungetc
#undef Bgetrune
#define Bgetrune lux_Bgetrune
#undef Bungetrune
#define Bungetrune lux_Bungetrune
#undef Bread
#define Bread lux_Bread
#undef Brdline
#define Brdline lux_Brdline
#undef Brdstr
#define Brdstr lux_Brdstr
#undef Bputc
#define Bputc lux_Bputc
#undef Bputrune
#define Bputrune lux_Bputrune
#undef Bwrite
#define Bwrite lux_Bwrite
#undef Bprint
#define Bprint lux_Bprint
#undef Bvprint
#define Bvprint lux_Bvprint

#endif
