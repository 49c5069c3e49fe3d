/*
 * cpio_test.c - host tests for lib/cpio.c, the boot archive reader.
 *
 * Most tests assemble newc archives entry by entry and then break them
 * the way a bad tool or a truncated boot module would.  The gnu_cpio
 * tests run the real GNU cpio on a directory tree made at run time, to
 * show that what the standard tool makes is read as intended.
 *
 * Run with "--corpus DIR" to write the fuzzer's seed archives instead.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "u.h"
#include "cpio.h"

enum {
	Amax = 64*1024,
	Hdrlen = 110,
	Mtime = 1700000000,
	/* header fields after the 6-byte magic */
	Fino = 0, Fmode, Fuid, Fgid, Fnlink, Fmtime, Fsize,
	Fdevmajor, Fdevminor, Frdevmajor, Frdevminor, Fnamesize, Fcheck,
	Nfield,
};

static const char *fieldname[Nfield] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
	"devmajor", "devminor", "rdevmajor", "rdevminor", "namesize", "check",
};

static struct {
	u8int b[Amax];
	size_t n;
	size_t last;	/* where the last entry's header starts */
	u32int ino;
} ar;
static Cpiofile files[CPIOMAXFILES];
static int nfiles;
static char err[256];
static char tmpdir[64];

static int
reset(void **state)
{
	(void)state;
	memset(&ar, 0, sizeof ar);
	ar.ino = 100;
	memset(files, 0, sizeof files);
	nfiles = 0;
	memset(err, 0, sizeof err);
	return 0;
}

static void
put(const void *p, size_t n)
{
	assert_true(n <= Amax - ar.n);
	memcpy(ar.b + ar.n, p, n);
	ar.n += n;
}

static void
pad4(void)
{
	while(ar.n % 4 != 0)
		put("", 1);
}

static void
setfield(size_t hdr, int field, u32int v)
{
	char s[9];

	snprintf(s, sizeof s, "%08X", v);
	memcpy(ar.b + hdr + 6 + 8*field, s, 8);
}

/* An entry with namesize bytes of name (its NUL included) and size bytes of data. */
static void
entry(const char *name, size_t namesize, u32int mode, u32int ino, u32int nlink,
	const void *data, size_t size)
{
	int i;

	ar.last = ar.n;
	put("070701", 6);
	for(i = 0; i < Nfield; i++)
		put("00000000", 8);
	setfield(ar.last, Fino, ino);
	setfield(ar.last, Fmode, mode);
	setfield(ar.last, Fnlink, nlink);
	setfield(ar.last, Fmtime, Mtime);
	setfield(ar.last, Fsize, size);
	setfield(ar.last, Fdevmajor, 8);
	setfield(ar.last, Fdevminor, 1);
	setfield(ar.last, Fnamesize, namesize);
	put(name, namesize);
	pad4();
	put(data, size);
	pad4();
}

static void
file(const char *name, const char *data)
{
	entry(name, strlen(name)+1, CPIOREG|0644, ar.ino++, 1, data, strlen(data));
}

static void
dir(const char *name)
{
	entry(name, strlen(name)+1, CPIODIR|0755, ar.ino++, 2, "", 0);
}

static void
node(const char *name, u32int mode)
{
	entry(name, strlen(name)+1, mode, ar.ino++, 1, "", 0);
}

static void
trailer(void)
{
	entry("TRAILER!!!", 11, 0, 0, 1, "", 0);
}

static int
parsemax(int maxf)
{
	nfiles = cpioparse(ar.b, ar.n, files, maxf, err, sizeof err);
	return nfiles;
}

static int
parse(void)
{
	return parsemax(CPIOMAXFILES);
}

static void
rejected(const char *want)
{
	int r;

	r = parse();
	if(r != -1 || strstr(err, want) == nil)
		fail_msg("expected the archive rejected with a message containing \"%s\"; "
			"got %d and \"%s\"", want, r, err);
}

/* The entry named name, with its data: it must exist. */
static const Cpiofile *
find(const char *name)
{
	int i;

	i = cpiolookup(files, nfiles, name);
	if(i < 0)
		fail_msg("expected an entry named \"%s\"", name);
	return &files[i];
}

static void
hasfile(const char *name, const char *data)
{
	const Cpiofile *f;

	f = find(name);
	assert_int_equal(f->mode & CPIOTYPE, CPIOREG);
	assert_int_equal(f->size, strlen(data));
	assert_true(f->off + f->size <= ar.n);
	assert_memory_equal(ar.b + f->off, data, f->size);
}

static void
hasdir(const char *name, int implied)
{
	const Cpiofile *f;

	f = find(name);
	assert_int_equal(f->mode & CPIOTYPE, CPIODIR);
	assert_int_equal(f->size, 0);
	assert_int_equal(f->implied, implied);
}

static void
nested(void)
{
	dir(".");
	dir("bin");
	file("bin/init", "\x7f" "ELF init program");
	file("bin/rc", "x");
	dir("lib");
	dir("lib/fonts");
	file("lib/fonts/big", "0123456789abcdef0123456789abcdef012");
	file("lib/fonts/empty", "");
	file("README", "ab");
	trailer();
}

/* ---- good archives ---- */

static void
nested_archive_lists_every_file_and_directory(void **state)
{
	(void)state;
	nested();
	assert_int_equal(parse(), 8);
	assert_string_equal(err, "");
	hasdir("bin", 0);
	hasfile("bin/init", "\x7f" "ELF init program");
	hasfile("bin/rc", "x");
	hasdir("lib", 0);
	hasdir("lib/fonts", 0);
	hasfile("lib/fonts/big", "0123456789abcdef0123456789abcdef012");
	hasfile("lib/fonts/empty", "");
	hasfile("README", "ab");
	assert_int_equal(files[0].mode, CPIODIR|0755);
	assert_int_equal(files[1].mode, CPIOREG|0644);
	assert_int_equal(files[1].mtime, Mtime);
}

static void
entries_keep_archive_order(void **state)
{
	(void)state;
	nested();
	assert_int_equal(parse(), 8);
	assert_string_equal(files[0].name, "bin");
	assert_string_equal(files[1].name, "bin/init");
	assert_string_equal(files[7].name, "README");
}

static void
root_dot_entry_is_skipped(void **state)
{
	(void)state;
	dir(".");
	dir("./");
	file("a", "1");
	trailer();
	assert_int_equal(parse(), 1);
	assert_int_equal(cpiolookup(files, nfiles, ""), -1);
	assert_int_equal(cpiolookup(files, nfiles, "."), -1);
}

static void
root_entry_that_is_not_a_directory_is_rejected(void **state)
{
	(void)state;
	file(".", "x");
	trailer();
	rejected("not a directory");
}

static void
leading_slash_dot_slash_and_trailing_slash_are_cleaned(void **state)
{
	(void)state;
	dir("/etc/");
	file("./etc/passwd", "root");
	file("/./etc/group", "g");
	dir("./usr//");
	trailer();
	assert_int_equal(parse(), 4);
	hasdir("etc", 0);
	hasfile("etc/passwd", "root");
	hasfile("etc/group", "g");
	hasdir("usr", 0);
}

static void
missing_parent_directories_are_implied(void **state)
{
	(void)state;
	file("a/b/c/f", "deep");
	dir("x");
	file("x/y/g", "g");
	trailer();
	assert_int_equal(parse(), 7);
	hasfile("a/b/c/f", "deep");
	hasdir("a/b/c", 1);
	hasdir("a/b", 1);
	hasdir("a", 1);
	hasdir("x", 0);
	hasdir("x/y", 1);
	assert_int_equal(find("a")->mode, CPIODIR|0555);
}

static void
directory_after_its_contents_is_not_a_duplicate(void **state)
{
	(void)state;
	file("d/f", "f");
	dir("d");
	trailer();
	assert_int_equal(parse(), 2);
	hasdir("d", 0);
}

static void
every_parent_of_every_entry_is_a_directory_entry(void **state)
{
	const char *slash;
	char parent[CPIONAMELEN];
	int i, j;

	(void)state;
	file("p/q/r/s", "1");
	file("p/t", "2");
	dir("u/v");
	trailer();
	assert_true(parse() > 0);
	for(i = 0; i < nfiles; i++){
		slash = strrchr(files[i].name, '/');
		if(slash == nil)
			continue;
		snprintf(parent, sizeof parent, "%.*s", (int)(slash - files[i].name), files[i].name);
		j = cpiolookup(files, nfiles, parent);
		if(j < 0 || (files[j].mode & CPIOTYPE) != CPIODIR)
			fail_msg("parent \"%s\" of \"%s\" is not a directory entry", parent, files[i].name);
	}
}

static void
file_inside_a_regular_file_is_rejected(void **state)
{
	(void)state;
	file("a", "i am a file");
	file("a/b", "x");
	trailer();
	rejected("a/b is inside a, which is not a directory");
}

static void
archive_with_only_a_trailer_is_empty(void **state)
{
	(void)state;
	trailer();
	assert_int_equal(parse(), 0);
	assert_string_equal(err, "");
}

static void
bytes_after_the_trailer_are_ignored(void **state)
{
	(void)state;
	file("a", "1");
	trailer();
	while(ar.n % 512 != 0)
		put("", 1);
	put("junk that is not an entry", 25);
	assert_int_equal(parse(), 1);
}

static void
lower_case_hex_is_accepted(void **state)
{
	size_t i;

	(void)state;
	file("a", "0123456789");
	trailer();
	for(i = 0; i < Hdrlen; i++)
		if(ar.b[i] >= 'A' && ar.b[i] <= 'F')
			ar.b[i] += 'a' - 'A';
	assert_int_equal(parse(), 1);
	assert_int_equal(files[0].mode, CPIOREG|0644);
	hasfile("a", "0123456789");
}

static void
data_of_every_length_is_padded_correctly(void **state)
{
	static const char *data[] = { "", "1", "22", "333", "4444", "55555" };
	char name[8];
	size_t i;

	(void)state;
	for(i = 0; i < nelem(data); i++){
		snprintf(name, sizeof name, "f%zu", i);
		file(name, data[i]);
	}
	trailer();
	assert_int_equal(parse(), (int)nelem(data));
	for(i = 0; i < nelem(data); i++){
		snprintf(name, sizeof name, "f%zu", i);
		hasfile(name, data[i]);
	}
}

static void
names_of_every_length_are_padded_correctly(void **state)
{
	static const char *names[] = { "a", "ab", "abc", "abcd", "abcde" };
	size_t i;

	(void)state;
	for(i = 0; i < nelem(names); i++)
		file(names[i], names[i]);
	trailer();
	assert_int_equal(parse(), (int)nelem(names));
	for(i = 0; i < nelem(names); i++)
		hasfile(names[i], names[i]);
}

static void
hard_link_whose_data_comes_last_shares_it(void **state)
{
	(void)state;
	entry("one", 4, CPIOREG|0644, 7, 2, "", 0);
	file("other", "zz");
	entry("two", 4, CPIOREG|0644, 7, 2, "shared", 6);
	trailer();
	assert_int_equal(parse(), 3);
	hasfile("one", "shared");
	hasfile("two", "shared");
	hasfile("other", "zz");
}

static void
hard_link_whose_data_comes_first_shares_it(void **state)
{
	(void)state;
	entry("one", 4, CPIOREG|0644, 7, 2, "shared", 6);
	entry("two", 4, CPIOREG|0644, 7, 2, "", 0);
	trailer();
	assert_int_equal(parse(), 2);
	hasfile("one", "shared");
	hasfile("two", "shared");
}

static void
empty_files_with_same_inode_but_one_link_stay_empty(void **state)
{
	(void)state;
	entry("one", 4, CPIOREG|0644, 7, 1, "data", 4);
	entry("two", 4, CPIOREG|0644, 7, 1, "", 0);
	trailer();
	assert_int_equal(parse(), 2);
	hasfile("two", "");
}

static void
lookup_matches_whole_names_only(void **state)
{
	(void)state;
	nested();
	assert_int_equal(parse(), 8);
	assert_int_equal(cpiolookup(files, nfiles, "bi"), -1);
	assert_int_equal(cpiolookup(files, nfiles, "bin/"), -1);
	assert_int_equal(cpiolookup(files, nfiles, "bin/init/x"), -1);
	assert_int_equal(cpiolookup(files, nfiles, "nothere"), -1);
	assert_int_equal(cpiolookup(files, nfiles, "bin"), 0);
}

/* ---- malformed archives ---- */

static void
bad_magic_is_rejected(void **state)
{
	(void)state;
	file("a", "1");
	trailer();
	ar.b[5] = '9';
	rejected("bad magic \"070709\"");
}

static void
crc_and_odc_formats_are_named(void **state)
{
	(void)state;
	file("a", "1");
	trailer();
	ar.b[5] = '2';
	rejected("-H newc");
	rejected("\"crc\" format");
	ar.b[5] = '7';
	rejected("old portable format");
}

static void
bad_magic_of_a_later_entry_gives_its_offset(void **state)
{
	char want[64];

	(void)state;
	file("a", "1");
	file("b", "2");
	trailer();
	ar.b[ar.last - 116] = 'X';	/* the magic of "b": 116 bytes per entry */
	snprintf(want, sizeof want, "entry at byte %d: bad magic", 116);
	rejected(want);
}

static void
non_hex_digit_in_any_field_is_rejected(void **state)
{
	char want[64];
	int i;

	(void)state;
	for(i = 0; i < Nfield; i++){
		reset(nil);
		file("a", "1");
		trailer();
		ar.b[6 + 8*i + 3] = 'g';
		snprintf(want, sizeof want, "field %s is not 8 hex digits", fieldname[i]);
		rejected(want);
	}
}

static void
hex_field_with_sign_or_space_is_rejected(void **state)
{
	(void)state;
	file("a", "1");
	trailer();
	memcpy(ar.b + 6 + 8*Fsize, "+0000001", 8);
	rejected("field filesize");
	memcpy(ar.b + 6 + 8*Fsize, " 0000001", 8);
	rejected("field filesize");
}

static void
missing_trailer_is_rejected(void **state)
{
	(void)state;
	file("a", "1");
	rejected("without a TRAILER!!! entry");
}

static void
empty_input_is_rejected(void **state)
{
	(void)state;
	rejected("without a TRAILER!!! entry");
}

static void
header_cut_short_is_rejected(void **state)
{
	(void)state;
	file("a", "1");
	trailer();
	ar.n = ar.last + 60;
	rejected("header at byte 116 runs past the end");
}

static void
name_size_zero_is_rejected(void **state)
{
	(void)state;
	file("a", "1");
	trailer();
	setfield(0, Fnamesize, 0);
	rejected("name size is 0");
}

static void
name_running_past_the_end_is_rejected(void **state)
{
	(void)state;
	file("a", "1");
	trailer();
	setfield(0, Fnamesize, ar.n);
	rejected("name (");
	reset(nil);
	file("abcdefg", "1");
	ar.n = Hdrlen + 4;
	rejected("runs past the end");
}

static void
name_padding_past_the_end_is_rejected(void **state)
{
	(void)state;
	file("ab", "");
	ar.n = Hdrlen + 3;	/* name and NUL, not the padding to 4 */
	rejected("name padding runs past the end");
}

static void
name_without_nul_is_rejected(void **state)
{
	(void)state;
	entry("abc", 3, CPIOREG|0644, 1, 1, "x", 1);
	trailer();
	rejected("not NUL terminated");
}

static void
name_with_nul_inside_is_rejected(void **state)
{
	(void)state;
	entry("ab\0cd", 6, CPIOREG|0644, 1, 1, "x", 1);
	trailer();
	rejected("NUL before its end");
}

static void
data_running_past_the_end_is_rejected(void **state)
{
	(void)state;
	file("a", "12345678");
	trailer();
	setfield(0, Fsize, 0x10000000);
	rejected("data (268435456 bytes) runs past the end");
	setfield(0, Fsize, 0xFFFFFFFF);
	rejected("runs past the end");
}

static void
data_padding_past_the_end_is_rejected(void **state)
{
	(void)state;
	file("a", "1");
	ar.n -= 3;	/* keep the data byte, drop its padding */
	rejected("data padding runs past the end");
}

static void
name_of_127_bytes_fits_and_128_is_rejected(void **state)
{
	char name[200];

	(void)state;
	memset(name, 'n', sizeof name);
	name[127] = 0;
	file(name, "ok");
	trailer();
	assert_int_equal(parse(), 1);
	assert_int_equal(strlen(files[0].name), 127);
	reset(nil);
	name[127] = 'n';
	name[128] = 0;
	file(name, "too long");
	trailer();
	rejected("longer than 127 bytes");
}

static void
long_name_that_cleans_to_127_bytes_fits(void **state)
{
	char name[200];

	(void)state;
	memset(name, 'n', sizeof name);
	memcpy(name, "././", 4);
	name[4+127] = 0;
	file(name, "ok");
	trailer();
	assert_int_equal(parse(), 1);
}

static void
dotdot_elements_are_rejected(void **state)
{
	static const char *bad[] = { "..", "../etc/passwd", "a/../b", "a/..", "/../x", "./..", "a/b/../../.." };
	size_t i;

	(void)state;
	for(i = 0; i < nelem(bad); i++){
		reset(nil);
		file(bad[i], "x");
		trailer();
		rejected("\"..\" path element");
	}
}

static void
dots_inside_names_are_ordinary(void **state)
{
	(void)state;
	file("...", "1");
	file("a..b", "2");
	file(".hidden", "3");
	file("x/..y", "4");
	trailer();
	assert_int_equal(parse(), 5);
	hasfile("...", "1");
	hasfile(".hidden", "3");
	hasfile("x/..y", "4");
}

static void
dot_element_inside_a_name_is_rejected(void **state)
{
	(void)state;
	file("a/./b", "x");
	trailer();
	rejected("\".\" path element");
	reset(nil);
	file("a/.", "x");
	trailer();
	rejected("\".\" path element");
}

static void
empty_path_element_is_rejected(void **state)
{
	(void)state;
	file("a//b", "x");
	trailer();
	rejected("empty path element");
}

static void
control_character_in_name_is_rejected(void **state)
{
	(void)state;
	file("bad\nname", "x");
	trailer();
	rejected("control character");
	rejected("\"bad?name\"");
}

static void
duplicate_names_are_rejected(void **state)
{
	(void)state;
	file("a", "1");
	file("./a", "2");
	trailer();
	rejected("a is in the archive twice");
	reset(nil);
	dir("d");
	dir("d/");
	trailer();
	rejected("d is in the archive twice");
}

static void
too_many_entries_are_rejected(void **state)
{
	(void)state;
	file("a", "1");
	file("b", "2");
	file("c", "3");
	trailer();
	assert_int_equal(parsemax(3), 3);
	assert_int_equal(parsemax(2), -1);
	assert_non_null(strstr(err, "more than 2 entries"));
	assert_int_equal(parsemax(0), -1);
}

static void
implied_directories_count_against_the_limit(void **state)
{
	(void)state;
	file("a/b/c", "1");
	trailer();
	assert_int_equal(parsemax(3), 3);
	assert_int_equal(parsemax(2), -1);
	assert_non_null(strstr(err, "directories the archive implies"));
}

static void
archive_of_512_files_fits_exactly(void **state)
{
	char name[16];
	int i;

	(void)state;
	for(i = 0; i < CPIOMAXFILES; i++){
		snprintf(name, sizeof name, "%d", i);
		file(name, "");
	}
	trailer();
	assert_int_equal(parse(), CPIOMAXFILES);
	hasfile("511", "");
	reset(nil);
	for(i = 0; i <= CPIOMAXFILES; i++){
		snprintf(name, sizeof name, "%d", i);
		file(name, "");
	}
	trailer();
	rejected("more than 512 entries");
}

static void
special_files_are_rejected_by_name(void **state)
{
	static const struct {
		u32int mode;
		const char *want;
	} t[] = {
		{ 0120777, "cpio: bin/sh is a symbolic link" },
		{ 0020666, "cpio: bin/sh is a character device" },
		{ 0060660, "cpio: bin/sh is a block device" },
		{ 0010644, "cpio: bin/sh is a named pipe" },
		{ 0140755, "cpio: bin/sh is a socket" },
		{ 0000644, "cpio: bin/sh is a file of unknown type" },
		{ 0170644, "cpio: bin/sh is a file of unknown type" },
	};
	size_t i;

	(void)state;
	for(i = 0; i < nelem(t); i++){
		reset(nil);
		dir("bin");
		node("bin/sh", t[i].mode);
		trailer();
		rejected(t[i].want);
	}
}

static void
directory_with_data_is_rejected(void **state)
{
	(void)state;
	entry("d", 2, CPIODIR|0755, 1, 2, "data", 4);
	trailer();
	rejected("directory d has 4 bytes of data");
}

static void
error_without_a_message_buffer_still_fails(void **state)
{
	(void)state;
	file("../x", "1");
	trailer();
	assert_int_equal(cpioparse(ar.b, ar.n, files, CPIOMAXFILES, nil, 0), -1);
	assert_int_equal(cpioparse(ar.b, ar.n, files, CPIOMAXFILES, err, 1), -1);
	assert_string_equal(err, "");
}

static void
long_error_is_truncated_to_the_buffer(void **state)
{
	char small[16];

	(void)state;
	memset(small, 'Z', sizeof small);
	file("../x", "1");
	trailer();
	assert_int_equal(cpioparse(ar.b, ar.n, files, CPIOMAXFILES, small, sizeof small), -1);
	assert_int_equal(strlen(small), sizeof small - 1);
}

/* ---- archives made by GNU cpio ---- */

static void
sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int r;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	r = system(cmd);
	if(r != 0)
		fail_msg("command failed with status %d: %s", r, cmd);
}

static int
mktree(void **state)
{
	reset(state);
	snprintf(tmpdir, sizeof tmpdir, "/tmp/cpio_test.XXXXXX");
	if(mkdtemp(tmpdir) == nil){
		perror("mkdtemp");
		return -1;
	}
	return 0;
}

static int
rmtree(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Archive tmpdir/tree with GNU cpio (find options in order) into ar. */
static void
gnucpio(const char *order)
{
	char path[128];
	FILE *f;

	sh("cd '%s/tree' && find . %s | LC_ALL=C cpio -o -H newc --quiet > ../archive",
		tmpdir, order);
	sh("test -s '%s/archive'", tmpdir);
	snprintf(path, sizeof path, "%s/archive", tmpdir);
	f = fopen(path, "rb");
	assert_non_null(f);
	ar.n = fread(ar.b, 1, Amax, f);
	assert_true(feof(f));
	fclose(f);
}

static void
maketree(void)
{
	sh("cd '%s' && mkdir -p tree/bin tree/lib/ndb tree/empty && "
		"printf 'init program' > tree/bin/init && "
		"printf '#!/bin/rc\\necho hi\\n' > tree/bin/hello && "
		"printf 'sys=lux9\\n' > tree/lib/ndb/local && "
		": > tree/lib/zero && "
		"chmod 755 tree/bin/init", tmpdir);
}

static void
checktree(void)
{
	hasdir("bin", 0);
	hasdir("lib", 0);
	hasdir("lib/ndb", 0);
	hasdir("empty", 0);
	hasfile("bin/init", "init program");
	hasfile("bin/hello", "#!/bin/rc\necho hi\n");
	hasfile("lib/ndb/local", "sys=lux9\n");
	hasfile("lib/zero", "");
	assert_int_equal(find("bin/init")->mode, CPIOREG|0755);
	assert_int_equal(cpiolookup(files, nfiles, "."), -1);
	assert_int_equal(cpiolookup(files, nfiles, ""), -1);
}

static void
archive_made_by_gnu_cpio_is_read(void **state)
{
	(void)state;
	maketree();
	gnucpio("");
	if(parse() != 8)
		fail_msg("expected 8 entries, got %d: %s", nfiles, err);
	checktree();
}

static void
gnu_cpio_archive_in_depth_first_order_is_read(void **state)
{
	(void)state;
	maketree();
	gnucpio("-depth");
	if(parse() != 8)
		fail_msg("expected 8 entries, got %d: %s", nfiles, err);
	checktree();
}

static void
gnu_cpio_hard_links_share_their_data(void **state)
{
	(void)state;
	maketree();
	sh("cd '%s/tree' && ln bin/init bin/init2 && ln bin/init lib/init3", tmpdir);
	gnucpio("");
	if(parse() != 10)
		fail_msg("expected 10 entries, got %d: %s", nfiles, err);
	hasfile("bin/init", "init program");
	hasfile("bin/init2", "init program");
	hasfile("lib/init3", "init program");
	assert_int_equal(find("bin/init")->nlink, 3);
}

static void
gnu_cpio_symlink_is_rejected_by_name(void **state)
{
	(void)state;
	maketree();
	sh("cd '%s/tree' && ln -s init bin/link", tmpdir);
	gnucpio("");
	rejected("cpio: bin/link is a symbolic link");
}

/* ---- seed corpus for test/fuzz/cpio.c ---- */

static int
writeseed(const char *outdir, const char *name)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", outdir, name);
	f = fopen(path, "wb");
	if(f == nil || fwrite(ar.b, 1, ar.n, f) != ar.n || fclose(f) != 0){
		perror(path);
		return -1;
	}
	return 0;
}

static int
corpus(const char *outdir)
{
	int rc;

	rc = 0;
	reset(nil);
	nested();
	rc |= writeseed(outdir, "nested");

	reset(nil);
	file("a/b/c/f", "deep");
	file("d/f", "f");
	dir("d");
	trailer();
	rc |= writeseed(outdir, "implied");

	reset(nil);
	entry("one", 4, CPIOREG|0644, 7, 2, "", 0);
	file("/./etc/", "zz");
	entry("two", 4, CPIOREG|0644, 7, 2, "shared", 6);
	trailer();
	rc |= writeseed(outdir, "hardlink");

	reset(nil);
	trailer();
	rc |= writeseed(outdir, "empty");
	return rc;
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(nested_archive_lists_every_file_and_directory, reset),
		cmocka_unit_test_setup(entries_keep_archive_order, reset),
		cmocka_unit_test_setup(root_dot_entry_is_skipped, reset),
		cmocka_unit_test_setup(root_entry_that_is_not_a_directory_is_rejected, reset),
		cmocka_unit_test_setup(leading_slash_dot_slash_and_trailing_slash_are_cleaned, reset),
		cmocka_unit_test_setup(missing_parent_directories_are_implied, reset),
		cmocka_unit_test_setup(directory_after_its_contents_is_not_a_duplicate, reset),
		cmocka_unit_test_setup(every_parent_of_every_entry_is_a_directory_entry, reset),
		cmocka_unit_test_setup(file_inside_a_regular_file_is_rejected, reset),
		cmocka_unit_test_setup(archive_with_only_a_trailer_is_empty, reset),
		cmocka_unit_test_setup(bytes_after_the_trailer_are_ignored, reset),
		cmocka_unit_test_setup(lower_case_hex_is_accepted, reset),
		cmocka_unit_test_setup(data_of_every_length_is_padded_correctly, reset),
		cmocka_unit_test_setup(names_of_every_length_are_padded_correctly, reset),
		cmocka_unit_test_setup(hard_link_whose_data_comes_last_shares_it, reset),
		cmocka_unit_test_setup(hard_link_whose_data_comes_first_shares_it, reset),
		cmocka_unit_test_setup(empty_files_with_same_inode_but_one_link_stay_empty, reset),
		cmocka_unit_test_setup(lookup_matches_whole_names_only, reset),
		cmocka_unit_test_setup(bad_magic_is_rejected, reset),
		cmocka_unit_test_setup(crc_and_odc_formats_are_named, reset),
		cmocka_unit_test_setup(bad_magic_of_a_later_entry_gives_its_offset, reset),
		cmocka_unit_test_setup(non_hex_digit_in_any_field_is_rejected, reset),
		cmocka_unit_test_setup(hex_field_with_sign_or_space_is_rejected, reset),
		cmocka_unit_test_setup(missing_trailer_is_rejected, reset),
		cmocka_unit_test_setup(empty_input_is_rejected, reset),
		cmocka_unit_test_setup(header_cut_short_is_rejected, reset),
		cmocka_unit_test_setup(name_size_zero_is_rejected, reset),
		cmocka_unit_test_setup(name_running_past_the_end_is_rejected, reset),
		cmocka_unit_test_setup(name_padding_past_the_end_is_rejected, reset),
		cmocka_unit_test_setup(name_without_nul_is_rejected, reset),
		cmocka_unit_test_setup(name_with_nul_inside_is_rejected, reset),
		cmocka_unit_test_setup(data_running_past_the_end_is_rejected, reset),
		cmocka_unit_test_setup(data_padding_past_the_end_is_rejected, reset),
		cmocka_unit_test_setup(name_of_127_bytes_fits_and_128_is_rejected, reset),
		cmocka_unit_test_setup(long_name_that_cleans_to_127_bytes_fits, reset),
		cmocka_unit_test_setup(dotdot_elements_are_rejected, reset),
		cmocka_unit_test_setup(dots_inside_names_are_ordinary, reset),
		cmocka_unit_test_setup(dot_element_inside_a_name_is_rejected, reset),
		cmocka_unit_test_setup(empty_path_element_is_rejected, reset),
		cmocka_unit_test_setup(control_character_in_name_is_rejected, reset),
		cmocka_unit_test_setup(duplicate_names_are_rejected, reset),
		cmocka_unit_test_setup(too_many_entries_are_rejected, reset),
		cmocka_unit_test_setup(implied_directories_count_against_the_limit, reset),
		cmocka_unit_test_setup(archive_of_512_files_fits_exactly, reset),
		cmocka_unit_test_setup(special_files_are_rejected_by_name, reset),
		cmocka_unit_test_setup(directory_with_data_is_rejected, reset),
		cmocka_unit_test_setup(error_without_a_message_buffer_still_fails, reset),
		cmocka_unit_test_setup(long_error_is_truncated_to_the_buffer, reset),
		cmocka_unit_test_setup_teardown(archive_made_by_gnu_cpio_is_read, mktree, rmtree),
		cmocka_unit_test_setup_teardown(gnu_cpio_archive_in_depth_first_order_is_read, mktree, rmtree),
		cmocka_unit_test_setup_teardown(gnu_cpio_hard_links_share_their_data, mktree, rmtree),
		cmocka_unit_test_setup_teardown(gnu_cpio_symlink_is_rejected_by_name, mktree, rmtree),
	};

	if(argc == 3 && strcmp(argv[1], "--corpus") == 0)
		return corpus(argv[2]) == 0 ? 0 : 1;
	return cmocka_run_group_tests(tests, nil, nil);
}
