#!/bin/sh
# tools/deps.sh — make sure the tools that the build and the tests need are
# installed; install the missing Debian packages when we are root.
# Silent and fast (well under a second) when nothing is missing, because
# `make run` and `make test` call it every time.

missing=""

need() {
	for p in "$@"; do
		case " $missing " in
		*" $p "*) ;;
		*) missing="$missing $p" ;;
		esac
	done
}

has() {
	command -v "$1" >/dev/null 2>&1
}

# Can clang link a libFuzzer target?  The runtime is a separate package.
fuzzerok() {
	has clang || return 1
	t=$(mktemp -d) || return 1
	echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n){(void)d;(void)n;return 0;}' |
		clang -x c -fsanitize=fuzzer - -o "$t/x" >/dev/null 2>&1
	r=$?
	rm -rf "$t"
	return $r
}

# The compiler-rt package that matches the installed clang (Debian 12: 14).
fuzzerpkg() {
	if has clang; then
		v=$(clang -dumpversion 2>/dev/null)
		echo "libclang-rt-${v%%.*}-dev"
	else
		echo libclang-rt-dev
	fi
}

check() {
	missing=""
	has gcc || need gcc
	has clang || need clang
	for c in ld objcopy nm; do has $c || need binutils; done
	has make || need make
	has qemu-system-x86_64 || need qemu-system-x86
	has grub-mkrescue || need grub-common
	[ -d /usr/lib/grub/i386-pc ] || need grub-pc-bin
	has xorriso || need xorriso
	has mformat || need mtools
	[ -f /usr/include/cmocka.h ] || need libcmocka-dev
	has gdb || need gdb
	has timeout || need coreutils
	has cpio || need cpio
	fuzzerok || need $(fuzzerpkg)
}

check
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" != 0 ]; then
	echo "tools/deps.sh: missing packages; as root, run:" >&2
	echo "$cmd"
	exit 1
fi

echo "tools/deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2 || exit 1
$cmd >&2 || exit 1

# clang may have come in just now; its fuzzer runtime is checked only once it is there.
check
if [ -n "$missing" ]; then
	echo "tools/deps.sh: still missing after install:$missing" >&2
	apt-get install -y --no-install-recommends$missing >&2 || exit 1
	check
	[ -z "$missing" ] || { echo "tools/deps.sh: cannot install:$missing" >&2; exit 1; }
fi
exit 0
