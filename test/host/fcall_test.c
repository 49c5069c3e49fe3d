/*
 * fcall_test.c - lib/fcall.c, the 9P2000 message codec: the exact bytes
 * it writes, that every message type reads back as written, and that
 * every kind of malformed message (size field disagreeing, unknown type,
 * fields cut short or running past the end, bytes left over, too many walk
 * names or qids, bad path elements, NULs in strings, broken stat entries,
 * data counts beyond the message) is refused with a reason, never read
 * past its end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "u.h"
#include "le.h"
#include "dir.h"
#include "fcall.h"

enum { Nbuf = 1024, Nsample = 27 };

static Fstr
S(const char *s)
{
	Fstr f;

	f.s = s;
	f.len = strlen(s);
	return f;
}

static Qid
Q(u8int type, u32int vers, u64int path)
{
	Qid q;

	q.type = type;
	q.vers = vers;
	q.path = path;
	return q;
}

/* A stat(5) entry for Rstat and Twstat. */
static u8int statbuf[128];
static u16int nstatbuf;

static void
makestat(void)
{
	Dir d;

	memset(&d, 0, sizeof d);
	d.qid = Q(QTDIR, 3, 0x1234);
	d.mode = DMDIR | 0775;
	d.length = 0;
	d.name = "lib";
	d.uid = d.gid = d.muid = "glenda";
	nstatbuf = convD2M(&d, statbuf, sizeof statbuf);
	assert_true(nstatbuf > 0);
}

static const u8int somedata[] = { 0, 1, 2, 0xFF, 'h', 'i', 0 };

/* One filled-in example of each of the 27 messages; unused fields zero. */
static int
samples(Fcall *fs)
{
	static const u8int types[Nsample] = {
		Tversion, Rversion, Tauth, Rauth, Tattach, Rattach, Rerror,
		Tflush, Rflush, Twalk, Rwalk, Topen, Ropen, Tcreate, Rcreate,
		Tread, Rread, Twrite, Rwrite, Tclunk, Rclunk, Tremove, Rremove,
		Tstat, Rstat, Twstat, Rwstat,
	};
	Fcall *f;
	int i;

	makestat();
	memset(fs, 0, Nsample * sizeof *fs);
	for(i = 0; i < Nsample; i++){
		f = &fs[i];
		f->type = types[i];
		f->tag = 0x100 + i;
		switch(f->type){
		case Tattach: case Twalk: case Topen: case Tcreate: case Tread:
		case Twrite: case Tclunk: case Tremove: case Tstat: case Twstat:
			f->fid = 0x01020300 + i;	/* only these carry a fid */
			break;
		}
		switch(f->type){
		case Tversion:
		case Rversion:
			f->tag = NOTAG;
			f->msize = 8192 + IOHDRSZ;
			f->version = S("9P2000");
			break;
		case Tauth:
			f->afid = 7;
			f->uname = S("glenda");
			f->aname = S("");
			break;
		case Rauth:
			f->aqid = Q(QTAUTH, 0, 99);
			break;
		case Tattach:
			f->afid = NOFID;
			f->uname = S("glenda");
			f->aname = S("main");
			break;
		case Rerror:
			f->ename = S("file does not exist");
			break;
		case Tflush:
			f->oldtag = 0x4242;
			break;
		case Twalk:
			f->newfid = 77;
			f->nwname = MAXWELEM;
			for(int j = 0; j < MAXWELEM; j++)
				f->wname[j] = S(j % 3 == 0 ? "usr" : j % 3 == 1 ? ".." : "caf\xc3\xa9");
			break;
		case Rwalk:
			f->nwqid = MAXWELEM;
			for(int j = 0; j < MAXWELEM; j++)
				f->wqid[j] = Q(j & 1 ? QTDIR : QTFILE, j, 0x1000000000ULL + j);
			break;
		case Topen:
			f->mode = 0x13;
			break;
		case Rattach:
		case Ropen:
		case Rcreate:
			f->qid = Q(QTDIR | QTAPPEND, 0xDEADBEEF, ~0ULL);
			if(f->type != Rattach)
				f->iounit = 8192;
			break;
		case Tcreate:
			f->name = S("new file");
			f->perm = DMDIR | 0755;
			f->mode = 2;
			break;
		case Tread:
			f->offset = 0x0102030405060708ULL;
			f->count = 8192;
			break;
		case Rread:
		case Twrite:
			if(f->type == Twrite)
				f->offset = ~0ULL;
			f->count = sizeof somedata;
			f->data = somedata;
			break;
		case Rwrite:
			f->count = 12345;
			break;
		case Rstat:
		case Twstat:
			f->nstat = nstatbuf;
			f->stat = statbuf;
			break;
		case Rflush:
		case Rclunk:
		case Rremove:
		case Rwstat:
			break;
		}
	}
	return Nsample;
}

static int
streq(Fstr a, Fstr b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.s, b.s, a.len) == 0);
}

static int
qideq(Qid a, Qid b)
{
	return a.type == b.type && a.vers == b.vers && a.path == b.path;
}

static int
byteseq(const u8int *a, const u8int *b, u32int n)
{
	return n == 0 || (a != nil && b != nil && memcmp(a, b, n) == 0);
}

/* Every field equal, strings, data and stat by content. */
static int
fcalleq(const Fcall *a, const Fcall *b)
{
	int i;

	if(a->type != b->type || a->tag != b->tag || a->fid != b->fid || a->msize != b->msize)
		return 0;
	if(!streq(a->version, b->version) || a->afid != b->afid || !streq(a->uname, b->uname))
		return 0;
	if(!streq(a->aname, b->aname) || !qideq(a->aqid, b->aqid) || !qideq(a->qid, b->qid))
		return 0;
	if(!streq(a->ename, b->ename) || a->oldtag != b->oldtag || a->newfid != b->newfid)
		return 0;
	if(a->nwname != b->nwname || a->nwqid != b->nwqid)
		return 0;
	for(i = 0; i < a->nwname; i++)
		if(!streq(a->wname[i], b->wname[i]))
			return 0;
	for(i = 0; i < a->nwqid; i++)
		if(!qideq(a->wqid[i], b->wqid[i]))
			return 0;
	if(a->mode != b->mode || a->iounit != b->iounit || !streq(a->name, b->name))
		return 0;
	if(a->perm != b->perm || a->offset != b->offset || a->count != b->count)
		return 0;
	if((a->type == Rread || a->type == Twrite) && !byteseq(a->data, b->data, a->count))
		return 0;
	return a->nstat == b->nstat && byteseq(a->stat, b->stat, a->nstat);
}

/* ---- a message builder for hand-made (and broken) messages ---- */

typedef struct B B;
struct B {
	u8int	b[Nbuf];
	u32int	n;
};

static void
b8(B *m, u8int v)
{
	m->b[m->n++] = v;
}

static void
b16(B *m, u16int v)
{
	put16(m->b + m->n, v);
	m->n += 2;
}

static void
b32(B *m, u32int v)
{
	put32(m->b + m->n, v);
	m->n += 4;
}

static void
bmem(B *m, const void *p, u32int n)
{
	memcpy(m->b + m->n, p, n);
	m->n += n;
}

static void
bstrn(B *m, const char *s, u16int n)
{
	b16(m, n);
	bmem(m, s, n);
}

static void
bstr(B *m, const char *s)
{
	bstrn(m, s, strlen(s));
}

static void
bqid(B *m)
{
	b8(m, QTFILE);
	b32(m, 1);
	b32(m, 2);
	b32(m, 3);
}

static void
bstart(B *m, u8int type)
{
	m->n = 0;
	b32(m, 0);
	b8(m, type);
	b16(m, 1);
}

/* Patch the size field to agree. */
static void
bend(B *m)
{
	put32(m->b, m->n);
}

/*
 * Decode exactly m's bytes from a heap copy of their exact length (so
 * ASan sees any read past the end); returns convM2S's result and leaves
 * its reason in err.
 */
static u32int
decode(const u8int *b, u32int n, Fcall *f, char *err, size_t nerr)
{
	u8int *copy;
	u32int r;

	copy = malloc(n ? n : 1);
	memcpy(copy, b, n);
	r = convM2S(copy, n, f, err, nerr);
	free(copy);
	return r;
}

static void
refused(B *m, const char *why)
{
	char err[128];
	Fcall f;

	err[0] = 0;
	if(decode(m->b, m->n, &f, err, sizeof err) != 0)
		fail_msg("a message with %s was accepted", why);
	if(err[0] == 0)
		fail_msg("a message with %s was refused with no reason given", why);
	/* nil err is allowed */
	assert_int_equal(decode(m->b, m->n, &f, nil, 0), 0);
}

static void
accepted(B *m, const char *what)
{
	char err[128];
	Fcall f;

	err[0] = 0;
	if(decode(m->b, m->n, &f, err, sizeof err) != m->n)
		fail_msg("%s was refused: %s", what, err);
}

/* ---- tests ---- */

static void
every_message_type_round_trips(void **state)
{
	Fcall fs[Nsample], g;
	u8int buf[Nbuf], again[Nbuf];
	char err[128];
	u32int n;
	int i, nf;

	(void)state;
	nf = samples(fs);
	for(i = 0; i < nf; i++){
		n = convS2M(&fs[i], buf, sizeof buf);
		if(n == 0)
			fail_msg("message %d (type %d) did not encode", i, fs[i].type);
		assert_int_equal(sizeS2M(&fs[i]), n);
		assert_int_equal(get32(buf), n);
		assert_int_equal(buf[4], fs[i].type);
		err[0] = 0;
		if(convM2S(buf, n, &g, err, sizeof err) != n)
			fail_msg("type %d did not decode back: %s", fs[i].type, err);
		if(!fcalleq(&fs[i], &g))
			fail_msg("type %d decoded to different fields", fs[i].type);
		assert_int_equal(convS2M(&g, again, sizeof again), n);
		assert_memory_equal(again, buf, n);
	}
}

static void
decoded_strings_and_data_point_into_the_message(void **state)
{
	Fcall fs[Nsample], g;
	u8int buf[Nbuf];
	u32int n;

	(void)state;
	samples(fs);
	n = convS2M(&fs[17], buf, sizeof buf);	/* Twrite */
	assert_int_equal(fs[17].type, Twrite);
	assert_int_equal(convM2S(buf, n, &g, nil, 0), n);
	assert_ptr_equal(g.data, buf + 4+1+2+4+8+4);
	n = convS2M(&fs[0], buf, sizeof buf);	/* Tversion */
	assert_int_equal(convM2S(buf, n, &g, nil, 0), n);
	assert_ptr_equal(g.version.s, (char *)buf + 4+1+2+4+2);
}

static void
tversion_matches_intro5_byte_for_byte(void **state)
{
	static const u8int want[] = {
		0x13, 0x00, 0x00, 0x00,		/* size 19 */
		100,				/* Tversion */
		0xFF, 0xFF,			/* NOTAG */
		0x00, 0x20, 0x00, 0x00,		/* msize 8192 */
		0x06, 0x00, '9', 'P', '2', '0', '0', '0',
	};
	u8int buf[64];
	Fcall f;

	(void)state;
	memset(&f, 0, sizeof f);
	f.type = Tversion;
	f.tag = NOTAG;
	f.msize = 8192;
	f.version = S("9P2000");
	assert_int_equal(convS2M(&f, buf, sizeof buf), sizeof want);
	assert_memory_equal(buf, want, sizeof want);
}

static void
twalk_and_rwalk_match_walk5_byte_for_byte(void **state)
{
	static const u8int twalk[] = {
		0x1b, 0x00, 0x00, 0x00,		/* size 27 */
		110,				/* Twalk */
		0x05, 0x00,			/* tag 5 */
		0x01, 0x00, 0x00, 0x00,		/* fid 1 */
		0x02, 0x00, 0x00, 0x00,		/* newfid 2 */
		0x02, 0x00,			/* nwname 2 */
		0x03, 0x00, 'u', 's', 'r',
		0x03, 0x00, 'b', 'i', 'n',
	};
	static const u8int rwalk[] = {
		0x16, 0x00, 0x00, 0x00,		/* size 22 */
		111,				/* Rwalk */
		0x05, 0x00,			/* tag 5 */
		0x01, 0x00,			/* nwqid 1 */
		0x80,				/* qid.type QTDIR */
		0x04, 0x03, 0x02, 0x01,		/* qid.vers */
		0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,	/* qid.path */
	};
	u8int buf[64];
	Fcall f;

	(void)state;
	memset(&f, 0, sizeof f);
	f.type = Twalk;
	f.tag = 5;
	f.fid = 1;
	f.newfid = 2;
	f.nwname = 2;
	f.wname[0] = S("usr");
	f.wname[1] = S("bin");
	assert_int_equal(convS2M(&f, buf, sizeof buf), sizeof twalk);
	assert_memory_equal(buf, twalk, sizeof twalk);

	memset(&f, 0, sizeof f);
	f.type = Rwalk;
	f.tag = 5;
	f.nwqid = 1;
	f.wqid[0] = Q(QTDIR, 0x01020304, 0x0102030405060708ULL);
	assert_int_equal(convS2M(&f, buf, sizeof buf), sizeof rwalk);
	assert_memory_equal(buf, rwalk, sizeof rwalk);
}

static void
rread_and_rerror_match_read5_and_error5_byte_for_byte(void **state)
{
	static const u8int rread[] = {
		0x0e, 0x00, 0x00, 0x00,		/* size 14 */
		117,				/* Rread */
		0x09, 0x00,			/* tag 9 */
		0x03, 0x00, 0x00, 0x00,		/* count 3 */
		'a', 0x00, 'b',
	};
	static const u8int rerror[] = {
		0x0d, 0x00, 0x00, 0x00,		/* size 13 */
		107,				/* Rerror */
		0x09, 0x00,			/* tag 9 */
		0x04, 0x00, 'g', 'o', 'n', 'e',
	};
	static const u8int abc[] = { 'a', 0, 'b' };
	u8int buf[64];
	Fcall f;

	(void)state;
	memset(&f, 0, sizeof f);
	f.type = Rread;
	f.tag = 9;
	f.count = 3;
	f.data = abc;
	assert_int_equal(convS2M(&f, buf, sizeof buf), sizeof rread);
	assert_memory_equal(buf, rread, sizeof rread);

	memset(&f, 0, sizeof f);
	f.type = Rerror;
	f.tag = 9;
	f.ename = S("gone");
	assert_int_equal(convS2M(&f, buf, sizeof buf), sizeof rerror);
	assert_memory_equal(buf, rerror, sizeof rerror);
}

static void
every_truncation_of_every_message_is_refused(void **state)
{
	Fcall fs[Nsample], g;
	u8int buf[Nbuf];
	u32int n, cut;
	int i, nf;

	(void)state;
	nf = samples(fs);
	for(i = 0; i < nf; i++){
		n = convS2M(&fs[i], buf, sizeof buf);
		for(cut = 0; cut < n; cut++){
			/* as sent: the size field says more than arrived */
			if(decode(buf, cut, &g, nil, 0) != 0)
				fail_msg("type %d cut to %u bytes was accepted", fs[i].type, cut);
			/* the size field even agrees with the cut */
			if(cut >= 4){
				put32(buf, cut);
				if(decode(buf, cut, &g, nil, 0) != 0)
					fail_msg("type %d cut to %u bytes, size agreeing, was accepted", fs[i].type, cut);
				put32(buf, n);
			}
		}
	}
}

static void
a_size_field_that_disagrees_is_refused(void **state)
{
	B m;

	(void)state;
	bstart(&m, Tclunk);
	b32(&m, 1);
	bend(&m);
	accepted(&m, "a good Tclunk");
	m.b[0]++;
	refused(&m, "a size field one too big");
	m.b[0] -= 2;
	refused(&m, "a size field one too small");
	put32(m.b, 0);
	refused(&m, "a zero size field");
	put32(m.b, 0xFFFFFFFF);
	refused(&m, "a size field of 4GB");
	/* shorter than the header, even with agreeing sizes */
	m.n = 6;
	put32(m.b, 6);
	refused(&m, "only 6 bytes");
	m.n = 0;
	refused(&m, "no bytes at all");
}

static void
unknown_types_are_refused(void **state)
{
	static const u8int bad[] = { 0, 1, 99, Terror, Tmax, 200, 255 };
	B m;
	u32int i;

	(void)state;
	for(i = 0; i < nelem(bad); i++){
		bstart(&m, bad[i]);
		bend(&m);
		refused(&m, "an unknown type");
	}
	bstart(&m, Rflush);
	bend(&m);
	accepted(&m, "a bare Rflush");
}

static void
bytes_left_over_are_refused(void **state)
{
	B m;

	(void)state;
	bstart(&m, Rclunk);
	b8(&m, 0);
	bend(&m);
	refused(&m, "a byte after an Rclunk");
	bstart(&m, Tversion);
	b32(&m, 8192);
	bstr(&m, "9P2000");
	b8(&m, 'x');
	bend(&m);
	refused(&m, "a byte after Tversion's version");
}

static void
strings_running_past_the_end_are_refused(void **state)
{
	B m;

	(void)state;
	bstart(&m, Tattach);
	b32(&m, 1);
	b32(&m, NOFID);
	bstr(&m, "glenda");
	b16(&m, 5);		/* aname says 5 bytes, 4 follow */
	bmem(&m, "main", 4);
	bend(&m);
	refused(&m, "aname running past the end");
	bstart(&m, Rerror);
	b8(&m, 0);		/* half a length */
	bend(&m);
	refused(&m, "half a string length");
}

static void
too_many_walk_names_or_qids_are_refused(void **state)
{
	B m;
	int i;

	(void)state;
	bstart(&m, Twalk);
	b32(&m, 1);
	b32(&m, 2);
	b16(&m, MAXWELEM + 1);
	for(i = 0; i < MAXWELEM + 1; i++)
		bstr(&m, "a");
	bend(&m);
	refused(&m, "17 walk names");
	bstart(&m, Rwalk);
	b16(&m, MAXWELEM + 1);
	for(i = 0; i < MAXWELEM + 1; i++)
		bqid(&m);
	bend(&m);
	refused(&m, "17 walk qids");
	bstart(&m, Rwalk);
	b16(&m, 0);
	bend(&m);
	accepted(&m, "an Rwalk of no qids");
	bstart(&m, Rwalk);
	b16(&m, 2);		/* says 2, has 1 */
	bqid(&m);
	bend(&m);
	refused(&m, "fewer qids than nwqid says");
}

static void
walk1(B *m, const char *name, u16int len)
{
	bstart(m, Twalk);
	b32(m, 1);
	b32(m, 2);
	b16(m, 2);
	bstr(m, "ok");
	bstrn(m, name, len);
	bend(m);
}

static void
bad_walk_names_are_refused(void **state)
{
	static const struct { const char *s; u16int len; const char *why; } bad[] = {
		{ "", 0, "an empty walk name" },
		{ "a/b", 3, "a '/' in a walk name" },
		{ "/", 1, "a walk name of '/'" },
		{ "a\0b", 3, "a NUL in a walk name" },
		{ "\xff", 1, "a 0xFF byte in a walk name" },
		{ "\x80z", 2, "a lone continuation byte" },
		{ "\xc0\xaf", 2, "an overlong '/'" },
		{ "\xe0\x80\xaf", 3, "a 3-byte overlong" },
		{ "\xed\xa0\x80", 3, "a UTF-16 surrogate" },
		{ "\xf4\x90\x80\x80", 4, "a rune past U+10FFFF" },
		{ "ab\xe2\x82", 4, "a UTF-8 sequence cut short" },
		{ "\xc3z", 2, "a UTF-8 sequence broken by ASCII" },
	};
	static const struct { const char *s; u16int len; } good[] = {
		{ "..", 2 }, { ".", 1 }, { "caf\xc3\xa9", 5 }, { "\xe6\x97\xa5", 3 },
		{ "\xf0\x9f\x98\x80", 4 }, { "\xf4\x8f\xbf\xbf", 4 }, { "a b\tc", 5 },
	};
	Fcall f;
	B m;
	u32int i;

	(void)state;
	for(i = 0; i < nelem(bad); i++){
		walk1(&m, bad[i].s, bad[i].len);
		refused(&m, bad[i].why);
	}
	for(i = 0; i < nelem(good); i++){
		walk1(&m, good[i].s, good[i].len);
		accepted(&m, "a walk with a good name");
		assert_int_equal(convM2S(m.b, m.n, &f, nil, 0), m.n);
		assert_int_equal(f.nwname, 2);
		assert_int_equal(f.wname[1].len, good[i].len);
	}
	/* Tcreate's name is a path element too */
	bstart(&m, Tcreate);
	b32(&m, 1);
	bstr(&m, "a/b");
	b32(&m, 0644);
	b8(&m, 0);
	bend(&m);
	refused(&m, "a '/' in Tcreate's name");
}

static void
strings_holding_a_nul_are_refused(void **state)
{
	B m;

	(void)state;
	bstart(&m, Tauth);
	b32(&m, 1);
	bstrn(&m, "gle\0da", 6);
	bstr(&m, "");
	bend(&m);
	refused(&m, "a NUL in uname");
	bstart(&m, Rerror);
	bstrn(&m, "bad\0", 4);
	bend(&m);
	refused(&m, "a NUL in ename");
	bstart(&m, Rversion);
	b32(&m, 8192);
	bstrn(&m, "\0", 1);
	bend(&m);
	refused(&m, "a NUL as the version");
}

static void
stat(B *m, u8int type, const u8int *st, u16int n)
{
	bstart(m, type);
	if(type == Twstat)
		b32(m, 1);
	b16(m, n);
	bmem(m, st, n);
	bend(m);
}

static void
broken_stat_entries_are_refused(void **state)
{
	u8int st[sizeof statbuf];
	B m;

	(void)state;
	makestat();
	stat(&m, Rstat, statbuf, nstatbuf);
	accepted(&m, "a good Rstat");
	stat(&m, Twstat, statbuf, nstatbuf);
	accepted(&m, "a good Twstat");

	memcpy(st, statbuf, nstatbuf);
	st[0]++;			/* the inner size says one more */
	stat(&m, Rstat, st, nstatbuf);
	refused(&m, "a stat entry's size field disagreeing");
	stat(&m, Twstat, st, nstatbuf);
	refused(&m, "a Twstat entry's size field disagreeing");
	stat(&m, Rstat, statbuf, nstatbuf - 1);
	refused(&m, "a stat entry cut short");
	stat(&m, Rstat, statbuf, 0);
	refused(&m, "an empty stat entry");
	memcpy(st, statbuf, nstatbuf);
	st[STATFIXLEN - 8 + 2] = 0;	/* name's first byte a NUL */
	stat(&m, Twstat, st, nstatbuf);
	refused(&m, "a NUL in a stat entry's name");
	/* nstat says more than the message holds */
	stat(&m, Rstat, statbuf, nstatbuf);
	put16(m.b + 7, nstatbuf + 1);
	refused(&m, "a stat count running past the end");
}

static void
data_counts_beyond_the_message_are_refused(void **state)
{
	B m;

	(void)state;
	bstart(&m, Rread);
	b32(&m, 4);
	bmem(&m, "abc", 3);
	bend(&m);
	refused(&m, "an Rread count one more than its data");
	bstart(&m, Rread);
	b32(&m, 0xFFFFFFFF);
	bmem(&m, "abc", 3);
	bend(&m);
	refused(&m, "an Rread count of 4GB");
	bstart(&m, Twrite);
	b32(&m, 1);
	b32(&m, 0);
	b32(&m, 0);
	b32(&m, 9);
	bmem(&m, "abcdefgh", 8);
	bend(&m);
	refused(&m, "a Twrite count one more than its data");
	bstart(&m, Rread);
	b32(&m, 2);
	bmem(&m, "abc", 3);
	bend(&m);
	refused(&m, "an Rread count one less than its data");
	bstart(&m, Rread);
	b32(&m, 0);
	bend(&m);
	accepted(&m, "an empty Rread");
}

static void
encoding_refuses_what_decoding_would(void **state)
{
	Fcall fs[Nsample], f;
	u8int buf[Nbuf], st[sizeof statbuf];
	u32int n;

	(void)state;
	samples(fs);
	/* a buffer one byte short, written not at all */
	n = sizeS2M(&fs[9]);
	memset(buf, 0xAA, sizeof buf);
	assert_int_equal(convS2M(&fs[9], buf, n - 1), 0);
	assert_int_equal(buf[0], 0xAA);
	assert_int_equal(convS2M(&fs[9], buf, n), n);

	f = fs[9];		/* Twalk */
	f.nwname = MAXWELEM + 1;
	assert_int_equal(sizeS2M(&f), 0);
	assert_int_equal(convS2M(&f, buf, sizeof buf), 0);
	f = fs[9];
	f.wname[3] = S("a/b");
	assert_int_equal(convS2M(&f, buf, sizeof buf), 0);
	f.wname[3] = S("");
	assert_int_equal(convS2M(&f, buf, sizeof buf), 0);
	f.wname[3] = S("\xc0\xaf");
	assert_int_equal(convS2M(&f, buf, sizeof buf), 0);

	f = fs[10];		/* Rwalk */
	f.nwqid = MAXWELEM + 1;
	assert_int_equal(convS2M(&f, buf, sizeof buf), 0);

	f = fs[2];		/* Tauth */
	f.uname.s = "gle\0da";
	f.uname.len = 6;
	assert_int_equal(convS2M(&f, buf, sizeof buf), 0);
	f.uname.s = nil;
	assert_int_equal(convS2M(&f, buf, sizeof buf), 0);

	f = fs[24];		/* Rstat */
	memcpy(st, statbuf, nstatbuf);
	st[0]++;
	f.stat = st;
	assert_int_equal(convS2M(&f, buf, sizeof buf), 0);
	f.stat = nil;
	assert_int_equal(convS2M(&f, buf, sizeof buf), 0);

	f = fs[16];		/* Rread */
	f.data = nil;
	assert_int_equal(convS2M(&f, buf, sizeof buf), 0);
	f.count = 0;
	assert_int_equal(convS2M(&f, buf, sizeof buf), 11);
	f.count = 0xFFFFFFF8;	/* the message could not say its own size */
	f.data = buf;
	assert_int_equal(sizeS2M(&f), 0);

	f = fs[0];
	f.type = Terror;
	assert_int_equal(convS2M(&f, buf, sizeof buf), 0);
	f.type = 0;
	assert_int_equal(sizeS2M(&f), 0);
}

static void
framing_reads_the_size_field(void **state)
{
	static const u8int hdr[] = { 0x13, 0, 0, 0, 100 };
	static const u8int tiny[] = { 6, 0, 0, 0 };

	(void)state;
	assert_int_equal(fcallmsize(hdr, 3), 0);
	assert_int_equal(fcallmsize(hdr, sizeof hdr), 19);
	assert_int_equal(fcallmsize(tiny, sizeof tiny), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_message_type_round_trips),
		cmocka_unit_test(decoded_strings_and_data_point_into_the_message),
		cmocka_unit_test(tversion_matches_intro5_byte_for_byte),
		cmocka_unit_test(twalk_and_rwalk_match_walk5_byte_for_byte),
		cmocka_unit_test(rread_and_rerror_match_read5_and_error5_byte_for_byte),
		cmocka_unit_test(every_truncation_of_every_message_is_refused),
		cmocka_unit_test(a_size_field_that_disagrees_is_refused),
		cmocka_unit_test(unknown_types_are_refused),
		cmocka_unit_test(bytes_left_over_are_refused),
		cmocka_unit_test(strings_running_past_the_end_are_refused),
		cmocka_unit_test(too_many_walk_names_or_qids_are_refused),
		cmocka_unit_test(bad_walk_names_are_refused),
		cmocka_unit_test(strings_holding_a_nul_are_refused),
		cmocka_unit_test(broken_stat_entries_are_refused),
		cmocka_unit_test(data_counts_beyond_the_message_are_refused),
		cmocka_unit_test(encoding_refuses_what_decoding_would),
		cmocka_unit_test(framing_reads_the_size_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
