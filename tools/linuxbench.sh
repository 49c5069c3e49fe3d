#!/bin/sh
# tools/linuxbench.sh — the Linux reference column of the benchmarks.
#
# Boots Debian's own kernel (linux-image-amd64) in the same QEMU
# configuration Lux9 uses, with an initramfs holding busybox-static and the
# benchmark programs of bench/ built `gcc -O2 -static`; its /init runs each
# benchmark and powers off.  Prints the `bench NAME ITER NS_PER_ITER` lines
# on stdout (and into build/bench/linux.txt); everything else goes to
# stderr or to build/bench/linux.log (the whole serial log).
#
# Installs the missing Debian packages first when run as root, like
# tools/deps.sh.  LINUX_KERNEL=/boot/vmlinuz-VER picks another kernel;
# LINUXBENCH_TIMEOUT (seconds, default 120; a run takes ~10) bounds the QEMU run.

set -eu
cd "$(dirname "$0")/.."

B=build/bench
L=$B/linux
LOG=$B/linux.log
OUT=$B/linux.txt
BENCHES="nullsys forkexit forkexec pagefault"
TIMEOUT=${LINUXBENCH_TIMEOUT:-120}
CC=${HOSTCC:-gcc}

say() {
	echo "linuxbench: $*" >&2
}

die() {
	say "$*"
	exit 1
}

has() {
	command -v "$1" >/dev/null 2>&1
}

newestkernel() {
	ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1
}

# ---- packages ---------------------------------------------------------------
missing=""
[ -n "${LINUX_KERNEL:-}" ] || [ -n "$(newestkernel)" ] || missing="$missing linux-image-amd64"
dpkg -s busybox-static >/dev/null 2>&1 || missing="$missing busybox-static"
has qemu-system-x86_64 || missing="$missing qemu-system-x86"
has "$CC" || missing="$missing gcc"
has cpio || missing="$missing cpio"
has gzip || missing="$missing gzip"
has timeout || missing="$missing coreutils"
if [ -n "$missing" ]; then
	cmd="apt-get install -y --no-install-recommends$missing"
	[ "$(id -u)" = 0 ] || die "missing packages; as root, run: $cmd"
	say "installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2 || die "apt-get update failed"
	$cmd >&2 || die "cannot install:$missing"
fi

KERNEL=${LINUX_KERNEL:-$(newestkernel)}
[ -r "$KERNEL" ] || die "cannot read $KERNEL (Debian installs it mode 0600: run as root)"
BUSYBOX=/bin/busybox	# busybox-static's; it must run with no libraries
[ -x "$BUSYBOX" ] || die "no $BUSYBOX (package busybox-static)"

# ---- the initramfs ----------------------------------------------------------
rm -rf "$L"
mkdir -p "$L/root/bin" "$L/root/dev" "$L/root/proc" "$L/root/sys"
for b in $BENCHES benchexec; do
	$CC -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -O2 -static \
		-o "$L/root/bin/$b" "bench/$b.c" || die "cannot build bench/$b.c"
done
cp "$BUSYBOX" "$L/root/bin/busybox"
for t in sh mount poweroff cat echo grep uname; do
	ln -s busybox "$L/root/bin/$t"
done
# Without root there is no device node; /init then mounts devtmpfs first.
mknod "$L/root/dev/console" c 5 1 2>/dev/null || true

cat >"$L/root/init" <<EOF
#!/bin/sh
# /init of the Linux benchmark initramfs (made by tools/linuxbench.sh)
export PATH=/bin
mount -t devtmpfs dev /dev
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sys /sys
# Lux9 maps 4 KiB pages only; time Linux's 4 KiB fault path too.
echo never >/sys/kernel/mm/transparent_hugepage/enabled
echo "linuxbench: kernel \$(uname -r), cmdline: \$(cat /proc/cmdline)"
grep . /sys/devices/system/cpu/vulnerabilities/*
for b in $BENCHES; do
	echo "linuxbench: start \$b at uptime \$(cat /proc/uptime)"
	/bin/\$b || echo "benchfail \$b: exit status \$?"
done
echo "linuxbench: done at uptime \$(cat /proc/uptime)"
poweroff -f
EOF
chmod +x "$L/root/init"
(cd "$L/root" && find . | sort | cpio -o -H newc -R 0:0 --quiet) | gzip -6 >"$L/initramfs.cpio.gz" ||
	die "cannot build the initramfs"

# ---- the run ----------------------------------------------------------------
say "booting $KERNEL under TCG (log: $LOG)"
start=$(date +%s)
set +e
timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -accel tcg -machine q35 -m 256M \
	-display none -serial stdio -monitor none -no-reboot \
	-kernel "$KERNEL" -initrd "$L/initramfs.cpio.gz" \
	-append "console=ttyS0 quiet panic=-1" </dev/null >"$LOG" 2>&1
rc=$?
set -e
secs=$(($(date +%s) - start))
say "QEMU ran ${secs}s (exit status $rc)"

tr -d '\r' <"$LOG" | grep '^bench ' >"$OUT" || true
cat "$OUT"

problem=""
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	problem="QEMU timed out after ${TIMEOUT}s"
elif tr -d '\r' <"$LOG" | grep -q '^benchfail '; then
	problem="a benchmark failed"
fi
for b in $BENCHES; do
	grep -q "^bench $b " "$OUT" || problem="${problem:-no result for $b}"
done
if [ -n "$problem" ]; then
	say "$problem; the end of $LOG:"
	tail -n 30 "$LOG" >&2
	exit 1
fi
exit 0
