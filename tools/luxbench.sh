#!/bin/sh
# tools/luxbench.sh — the Lux9 column of the benchmarks.
#
# Boots build/gcc/lux9.bin with the bench boot archive build/gcc/bench.cpio
# (`make bench` builds both; this script builds nothing) in the QEMU
# configuration tools/linuxbench.sh uses for Linux.  The archive's /init
# (bench/init.c) runs each benchmark and exits, which makes the kernel end
# QEMU through isa-debug-exit.  Prints the `bench NAME ITER NS_PER_ITER`
# lines on stdout (and into build/bench/lux9.txt); everything else goes to
# stderr or to build/bench/lux9.log (the whole serial log).
#
# LUXBENCH_TIMEOUT (seconds, default 120; a run takes ~25) bounds QEMU;
# LUX9_KERNEL and LUX9_BENCHARCHIVE pick other files.

set -eu
cd "$(dirname "$0")/.."

B=build/bench
LOG=$B/lux9.log
OUT=$B/lux9.txt
BENCHES="nullsys forkexit forkexec pagefault"
TIMEOUT=${LUXBENCH_TIMEOUT:-120}
KERNEL=${LUX9_KERNEL:-build/gcc/lux9.bin}
ARCHIVE=${LUX9_BENCHARCHIVE:-build/gcc/bench.cpio}

say() {
	echo "luxbench: $*" >&2
}

die() {
	say "$*"
	exit 1
}

command -v qemu-system-x86_64 >/dev/null 2>&1 || die "no qemu-system-x86_64 (run tools/deps.sh as root)"
command -v timeout >/dev/null 2>&1 || die "no timeout (package coreutils)"
[ -r "$KERNEL" ] || die "no $KERNEL: 'make bench' builds it"
[ -r "$ARCHIVE" ] || die "no $ARCHIVE: 'make bench' builds it"
mkdir -p "$B"
rm -f "$OUT"

# ---- the run ----------------------------------------------------------------
say "booting $KERNEL with $ARCHIVE under TCG (log: $LOG)"
start=$(date +%s)
set +e
timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -accel tcg -machine q35 -m 256M \
	-display none -serial stdio -monitor none -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=4 \
	-kernel "$KERNEL" -initrd "$ARCHIVE" </dev/null >"$LOG" 2>&1
rc=$?
set -e
secs=$(($(date +%s) - start))
say "QEMU ran ${secs}s (exit status $rc)"

tr -d '\r' <"$LOG" | grep '^bench ' >"$OUT" || true
cat "$OUT"

# QEMU's own exit status says little: isa-debug-exit makes it (code<<1)|1.
# The log says whether init finished, and how.
problem=""
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	problem="QEMU timed out after ${TIMEOUT}s"
elif tr -d '\r' <"$LOG" | grep -q '^panic: '; then
	problem="the kernel panicked"
elif tr -d '\r' <"$LOG" | grep -q '^benchfail '; then
	problem="a benchmark failed"
elif ! tr -d '\r' <"$LOG" | grep -q "^init: exited ''"; then
	problem="init did not exit cleanly (no \"init: exited ''\" line)"
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
