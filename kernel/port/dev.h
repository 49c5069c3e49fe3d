/*
 * dev.h - the device interface.  Every kernel device (root, cons, boot,
 * and later pipe, srv, proc, env, mnt) fills in one Dev; a channel's type
 * indexes devtab.  Operations raise error() on failure.
 */
#ifndef LUX9_DEV_H
#define LUX9_DEV_H

typedef struct Dev Dev;
struct Dev {
	int	dc;		/* the letter after '#' */
	const char *name;
	Chan	*(*attach)(const char *spec);
	Chan	*(*walk)(Chan *c, const char *name);	/* a new channel, or nil: no such file */
	int	(*stat)(Chan *c, u8int *db, int n);	/* bytes of a stat entry */
	Chan	*(*open)(Chan *c, int omode);
	void	(*create)(Chan *c, const char *name, int omode, u32int perm);
	long	(*read)(Chan *c, void *buf, long n, vlong off);
	long	(*write)(Chan *c, const void *buf, long n, vlong off);
	void	(*close)(Chan *c);
	void	(*remove)(Chan *c);
	int	(*wstat)(Chan *c, u8int *db, int n);
};
extern Dev *devtab[];

/* A fixed directory's entries, for devices with a table of files. */
typedef struct Dirtab Dirtab;
struct Dirtab {
	const char *name;
	Qid	qid;
	u64int	length;
	u32int	perm;
};

Chan	*devattach(int dc, const char *spec);
Chan	*devwalktab(Chan *c, const char *name, const Dirtab *tab, int ntab);
int	devstattab(Chan *c, u8int *db, int n, const Dirtab *tab, int ntab, const char *dirname);
long	devdirread(Chan *c, void *buf, long n, const Dirtab *tab, int ntab);
Chan	*devopen(Chan *c, int omode, const Dirtab *tab, int ntab);
void	devcreate(Chan *c, const char *name, int omode, u32int perm);
void	devremove(Chan *c);
int	devwstat(Chan *c, u8int *db, int n);
int	devmkdir(Dir *d, u8int *db, int n);
int	openmode(int omode);

#endif
