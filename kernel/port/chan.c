/*
 * chan.c - channels, the device table, and turning names into channels.
 *
 * Until namespaces exist (the namespace issue), the name space is fixed:
 * "/" is the root device, whose "boot" and "dev" directories lead to the
 * boot archive and the console device; "#c" style names reach a device
 * directly.  Every device implements the same Dev table.
 */
#include "portfns.h"
#include "fns.h"
#include "dev.h"

extern Dev rootdevtab, consdevtab, bootdevtab, pipedevtab, procdevtab;
Dev *devtab[] = { &rootdevtab, &consdevtab, &bootdevtab, &pipedevtab, &procdevtab, nil };

Chan *
newchan(void)
{
	Chan *c;

	if(up != nil && up->budget != nil && budgetcharge(up->budget, BCHAN, 1) < 0)
		error(nil);
	c = mallocz(sizeof *c);
	if(c == nil){
		if(up != nil && up->budget != nil)
			budgetuncharge(up->budget, BCHAN, 1);
		error("out of kernel memory");
	}
	c->ref = 1;
	c->budget = up != nil ? up->budget : nil;
	if(c->budget != nil)
		budgetref(c->budget);
	return c;
}

void
incref(Lock *l, int *ref)
{
	lock(l);
	(*ref)++;
	unlock(l);
}

void
cclose(Chan *c)
{
	int r;

	if(c == nil)
		return;
	lock(&c->lk);
	r = --c->ref;
	unlock(&c->lk);
	if(r > 0)
		return;
	devtab[c->type]->close(c);	/* every channel: devices holding state need to know */
	if(c->budget != nil){
		budgetuncharge(c->budget, BCHAN, 1);
		budgetput(c->budget);
	}
	free(c);
}

Chan *
cclone(Chan *c)
{
	Chan *n;

	n = newchan();
	n->type = c->type;
	n->dev = c->dev;
	n->qid = c->qid;
	n->aux = c->aux;
	n->auxn = c->auxn;
	memmove(n->path, c->path, sizeof n->path);
	return n;
}

int
devno(int dc)
{
	int i;

	for(i = 0; devtab[i] != nil; i++)
		if(devtab[i]->dc == dc)
			return i;
	return -1;
}

/*
 * Clean a path in place as Plan 9's cleanname does: collapse "//",
 * drop ".", resolve ".." lexically, never above the root.
 */
static void
cleanname(char *s)
{
	char *elem[64], buf[256], *p, *e;
	int n, i, rooted;

	rooted = s[0] == '/';
	memmove(buf, s, sizeof buf);
	buf[sizeof buf - 1] = 0;
	n = 0;
	for(p = buf; *p != 0; p = e){
		while(*p == '/')
			p++;
		if(*p == 0)
			break;
		for(e = p; *e != 0 && *e != '/'; e++)
			;
		if(*e == '/')
			*e++ = 0;
		if(strcmp(p, ".") == 0)
			continue;
		if(strcmp(p, "..") == 0){
			if(n > 0 && strcmp(elem[n - 1], "..") != 0)
				n--;
			else if(!rooted)
				elem[n++] = p;
			continue;
		}
		if(n == nelem(elem))
			error("file name has too many elements");
		elem[n++] = p;
	}
	p = s;
	if(rooted)
		*p++ = '/';
	for(i = 0; i < n; i++){
		if(i > 0)
			*p++ = '/';
		memmove(p, elem[i], strlen(elem[i]));
		p += strlen(elem[i]);
	}
	if(p == s)
		*p++ = '.';
	*p = 0;
}

/*
 * The channel a path names, walked and (if omode >= 0) opened.
 * Errors: "file does not exist", "file name too long", and the devices'.
 */
Chan *
namec(const char *name, int omode)
{
	char full[256], walkbuf[256], *p, *e;
	Chan *volatile c;	/* changes after waserror and is closed by its handler */
	Chan *nc;
	int t;

	if(strlen(name) >= sizeof full - 2)
		error("file name too long");
	if(name[0] == 0)
		error("file does not exist");
	if(name[0] == '#'){
		if(name[1] == 0 || (t = devno(name[1])) < 0)
			error("unknown device in # file name");
		snprint(full, sizeof full, "%s", name);
		snprint(walkbuf, sizeof walkbuf, "%s", name + 2);
	}else{
		/* relative names go from the current directory's name: no mounts to get wrong yet */
		if(name[0] == '/')
			snprint(full, sizeof full, "%s", name);
		else if(up->dot == nil)
			error("no current directory");
		else if(strlen(up->dot->path) + strlen(name) + 2 > sizeof full)
			error("file name too long");
		else
			snprint(full, sizeof full, "%s/%s", up->dot->path, name);
		cleanname(full);
		t = 0;
		snprint(walkbuf, sizeof walkbuf, "%s", full);
	}
	c = devtab[t]->attach("");
	if(waserror()){
		cclose(c);
		nexterror();
	}
	for(p = walkbuf; *p != 0; p = e){
		while(*p == '/')
			p++;
		if(*p == 0)
			break;
		for(e = p; *e != 0 && *e != '/'; e++)
			;
		if(*e == '/')
			*e++ = 0;
		if(strcmp(p, "..") == 0 || strcmp(p, ".") == 0)
			continue;	/* cleaned names keep ".." only at the root */
		nc = devtab[c->type]->walk(c, p);
		if(nc == nil)
			error("file does not exist");
		cclose(c);
		c = nc;
	}
	snprint(c->path, sizeof c->path, "%s", full);
	if(omode >= 0)
		c = devtab[c->type]->open(c, omode);
	poperror();
	return c;
}
