/*
 * cmdline.c - look up options on the kernel command line (see cmdline.h).
 * The command line comes from the boot loader, so nothing here assumes
 * its shape: any bytes give a defined answer.  Lookups scan the string
 * each time; it is short and read a handful of times at boot.
 */
#include "u.h"
#include "kstring.h"
#include "cmdline.h"

static int
cmdblank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Does the token at tok (ntok bytes) name key?  Set *v, *nv to its value. */
static int
tokmatch(const char *tok, size_t ntok, const char *key, size_t nkey, const char **v, size_t *nv)
{
	size_t klen;

	for(klen = 0; klen < ntok && tok[klen] != '='; klen++)
		;
	if(klen != nkey || memcmp(tok, key, nkey) != 0)
		return 0;
	if(klen < ntok){
		*v = tok + klen + 1;
		*nv = ntok - klen - 1;
	}else{
		*v = tok + ntok;
		*nv = 0;
	}
	return 1;
}

int
cmdlineget(const char *cmdline, const char *key, char *val, size_t nval)
{
	const char *p, *tok, *v;
	size_t nkey, nv, n;
	int found;

	if(nval > 0)
		val[0] = 0;
	if(cmdline == nil || key == nil || key[0] == 0)
		return 0;
	nkey = strlen(key);
	found = 0;
	v = nil;
	nv = 0;
	for(p = cmdline; *p != 0; ){
		while(cmdblank(*p))
			p++;
		for(tok = p; *p != 0 && !cmdblank(*p); p++)
			;
		if(p > tok && tokmatch(tok, p - tok, key, nkey, &v, &nv))
			found = 1;	/* keep going: the last one wins */
	}
	if(!found)
		return 0;
	if(nval == 0)
		return -1;
	n = nv < nval - 1 ? nv : nval - 1;
	memcpy(val, v, n);
	val[n] = 0;
	return n < nv ? -1 : 1;
}

int
cmdlinehas(const char *list, const char *item)
{
	const char *p, *e;
	size_t nitem, n;

	if(list == nil || item == nil || item[0] == 0)
		return 0;
	nitem = strlen(item);
	for(p = list; ; p = e + 1){
		for(e = p; *e != 0 && *e != ','; e++)
			;
		n = e - p;
		if((n == nitem && memcmp(p, item, n) == 0) || (n == 3 && memcmp(p, "all", 3) == 0))
			return 1;
		if(*e == 0)
			return 0;
	}
}
