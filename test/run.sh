#!/usr/bin/env bash
# test/run.sh — the whole Lux9 test suite; `make test` runs it.
#
# Every step prints TAP-style lines, `ok - WHAT` or `not ok - WHAT: why`.
# Noisy output goes to build/test-logs/, and its tail is shown (as `# ` lines)
# when a step fails.  All steps run even after a failure; the last line is
# `N passed, N failed`, and the exit status is non-zero if anything failed.
#
# Knobs: FUZZSMOKE (seconds per fuzzer, default 10), BOOTSECS (time limit per
# QEMU boot, default 60), QEMU (default qemu-system-x86_64; to try this script
# without a kernel: QEMU=test/qemu/fake/qemu, with dummy build/gcc/lux9.{bin,iso}).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u
cd "$(dirname "$0")/.." || exit 1

LOGS=build/test-logs
QEMU=${QEMU:-qemu-system-x86_64}
BOOTSECS=${BOOTSECS:-120}
FUZZSMOKE=${FUZZSMOKE:-10}
JOBS=$(nproc 2>/dev/null || echo 2)
# Our own make runs pick CC and -j themselves: `make CC=clang test` must not
# turn the gcc build into a clang one through MAKEFLAGS.
unset MAKEFLAGS MFLAGS MAKELEVEL

logfile() { echo "$LOGS/${1//\//-}.log"; }
showtail() { [ -s "$1" ] && tail -n "${2:-30}" "$1" | sed 's/^/# /'; return 0; }
# A sanitizer report says the most at its start; anything else at its end.
showcrash() {
	if grep -qE '==ERROR:|runtime error:' "$1"; then
		grep -m1 -A 25 -E '==ERROR:|runtime error:' "$1" | sed 's/^/# /'
	else
		showtail "$1" 30
	fi
}

# step NAME CMD...: a quiet command; ok if it exits 0.  Returns its verdict.
step() {
	local name=$1 log rc
	log=$(logfile "$1")
	shift
	timeout --foreground -k 10 900 "$@" >"$log" 2>&1
	rc=$?
	if [ $rc = 0 ]; then
		echo "ok - $name"
	else
		echo "not ok - $name: '$*' exited with status $rc, log in $log"
		showtail "$log"
	fi
	return $rc
}

# tapstep NAME CMD...: CMD prints its own TAP lines.  One that fails without
# printing a `not ok`, or prints no result at all, is a failure of NAME.
tapstep() {
	local name=$1 out err rc
	out=$(logfile "$1")
	err=${out%.log}.err
	shift
	"$@" 2>"$err" | tee "$out"
	rc=${PIPESTATUS[0]}
	if [ "$rc" != 0 ] && ! grep -q '^not ok - ' "$out"; then
		echo "not ok - $name: exited with status $rc without reporting a failure"
		showtail "$err"
	elif ! grep -qE '^(not )?ok - ' "$out"; then
		echo "not ok - $name: reported no results"
		showtail "$err"
	fi
}

# ---- a. build ----------------------------------------------------------------
kernelok=0 isook=0 harnessok=0 archiveok=0 clangok=0

build() {
	step build/kernel-gcc make -j"$JOBS" CC=gcc kernel && kernelok=1
	step build/kernel-clang make -j"$JOBS" CC=clang kernel && clangok=1
	step build/unit make -j"$JOBS" unit
	step build/fuzzers make -j"$JOBS" fuzzers
	[ $kernelok = 1 ] && step build/iso make CC=gcc iso && isook=1
	[ $kernelok = 1 ] && step build/testarchive make CC=gcc testarchive && archiveok=1
	step build/harness gcc -std=c11 -Wall -Wextra -Werror -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
		-o build/harness test/qemu/harness.c && harnessok=1
}

# ---- b. the harness, against fake QEMUs ----------------------------------------
harnesscheck() {
	if [ $harnessok = 1 ]; then
		tapstep harness sh test/qemu/harness_test.sh build/harness
	else
		echo "not ok - harness: build/harness was not built"
	fi
}

# ---- c. host unit tests ----------------------------------------------------------
# cmocka's TAP (`ok 1 - name`, `not ok 2 - name` then `# why` lines) becomes
# `ok - unit/FILE/name` and `not ok - unit/FILE/name: why`.
tapconvert() {
	awk -v p="$1" '
	function flush() { if (pending != "") print pending; pending = "" }
	/^ok [0-9]+ - / { flush(); sub(/^ok [0-9]+ - /, ""); print "ok - " p "/" $0; next }
	/^not ok [0-9]+ - / { flush(); sub(/^not ok [0-9]+ - /, ""); pending = "not ok - " p "/" $0; sep = ": "; next }
	/^# (not )?ok - / { flush(); next }
	/^# / && pending != "" { pending = pending sep substr($0, 3); sep = "; "; next }
	{ flush() }
	END { flush() }'
}

unittests() {
	local t name out rc
	for t in build/host/*_test; do
		[ -f "$t" ] && [ -x "$t" ] || continue
		name=${t##*/}
		out=$(logfile "unit-$name")
		CMOCKA_MESSAGE_OUTPUT=TAP UBSAN_OPTIONS=print_stacktrace=1 \
			timeout --foreground -k 5 300 "$t" >"$out" 2>"${out%.log}.err"
		rc=$?
		tapconvert "unit/$name" <"$out"
		if grep -qE '^not ok [0-9]+ ' "$out"; then
			showtail "${out%.log}.err" 20
		elif [ $rc != 0 ]; then
			echo "not ok - unit/$name: crashed (exit status $rc), log in $out"
			showtail "$out" 5
			showcrash "${out%.log}.err"
		elif ! grep -qE '^ok [0-9]+ ' "$out"; then
			echo "not ok - unit/$name: ran no tests"
		fi
	done
}

# ---- d. fuzz smoke ---------------------------------------------------------------
fuzzsmoke() {
	local f name log dir rc
	for f in build/fuzz/*; do
		[ -f "$f" ] && [ -x "$f" ] || continue
		name=${f##*/}
		log=$(logfile "fuzz-$name")
		dir=$(mktemp -d)
		if [ -d "test/fuzz/corpus/$name" ]; then
			cp -R "test/fuzz/corpus/$name/." "$dir/"
		else
			echo "# fuzz/$name: no corpus in test/fuzz/corpus/$name"
		fi
		timeout --foreground -k 5 $((FUZZSMOKE + 60)) "$f" -max_total_time="$FUZZSMOKE" -timeout=10 \
			-artifact_prefix="$LOGS/fuzz-$name-" "$dir" >"$log" 2>&1
		rc=$?
		if [ $rc = 0 ]; then
			echo "ok - fuzz/$name"
		else
			echo "not ok - fuzz/$name: exit status $rc, input saved as $LOGS/fuzz-$name-*, log in $log"
			showcrash "$log"
		fi
		rm -rf "$dir"
	done
}

# ---- e. QEMU boots ---------------------------------------------------------------
QEMUBASE=(-accel tcg -m 256M -display none -serial stdio -monitor none -no-reboot
	-device isa-debug-exit,iobase=0xf4,iosize=4)

# boot NAME BUILT HARNESS-OPTIONS... -- QEMU-ARGS...
boot() {
	local name=$1 built=$2 hopts=()
	shift 2
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		hopts+=("$1")
		shift
	done
	shift
	if [ "$built" != 1 ]; then
		echo "not ok - $name: not booted, its image or build/harness failed to build"
		return
	fi
	tapstep "$name" timeout --foreground -k 5 $((BOOTSECS + 30)) build/harness -n "$name" -t "$BOOTSECS" \
		-l "$LOGS/$name-serial.log" "${hopts[@]}" -- "$QEMU" "${QEMUBASE[@]}" "$@"
}

boots() {
	local k=build/gcc/lux9.bin iso=build/gcc/lux9.iso kok=$((kernelok & harnessok))

	boot qemu-pc $kok -m selftest -- -machine pc -kernel $k \
		-append "test=all pci.expect=8086:1237,8086:7000,1234:11e8" -device edu
	# the kernel ABI tests, run by /boot/init of the test boot archive
	boot qemu-user $((kok & archiveok)) -m selftest -- -machine q35 -kernel $k -initrd build/gcc/test.cpio
	# a boot archive that is not one is refused with the reason; the kernel carries on
	boot qemu-bad-archive $kok -m expect -x "boot archive refused: " -x "lux9>" -- \
		-machine pc -kernel $k -initrd README.md
	boot qemu-user-clang $((kok & archiveok & clangok)) -m selftest -- -machine pc \
		-kernel build/clang/lux9.bin -initrd build/gcc/test.cpio
	# -cpu max has SMEP and SMAP: user memory only inside copyin/copyout
	boot qemu-user-smap $((kok & archiveok)) -m selftest -- -machine q35 -cpu max \
		-kernel $k -initrd build/gcc/test.cpio
	boot qemu-q35 $kok -m selftest -- -machine q35 -kernel $k \
		-append "test=all pci.expect=8086:29c0,8086:2918,1234:11e8" -device edu
	# the PIT calibration path, and a machine with no ACPI at all (legacy defaults)
	boot qemu-pc-nohpet $kok -m selftest -- -machine pc,hpet=off -kernel $k -append "test=all"
	boot qemu-pc-noacpi $kok -m selftest -- -machine pc -no-acpi -kernel $k \
		-append "test=frames_each_handed_out_once,timer_ticks,clock_calibrated_against_best_source,pci_finds_expected_devices"
	# RAM above 4 GiB: donated after the kernel page tables exist
	boot qemu-q35-5g $kok -m selftest -- -machine q35 -m 5G -kernel $k \
		-append "test=frames_each_handed_out_once,heap_stress_random_sizes,mmu_map_unmap"
	boot qemu-echo $kok -m expect -b "lux9>" -x "lux9>" -s 'hello lux9\r' -x "hello lux9" \
		-x "timer ticks" -x "10 characters typed" -- -machine pc -kernel $k
	boot qemu-iso $((isook & harnessok)) -m expect -x "Lux9" -x "lux9>" -- -cdrom $iso
	boot qemu-panic $kok -m expect -p -x "panic: deliberate" -x "rflags" -x "backtrace" -x "selftestpanic" -- \
		-machine pc -kernel $k -append "test=panic"
	boot qemu-stackoverflow $kok -m expect -p -x "double fault" -x "recurse" \
		-x "panic: kernel stack overflow" -- -machine q35 -kernel $k -append "test=stackoverflow"
}

suite() {
	step deps sh tools/deps.sh
	build
	harnesscheck
	unittests
	fuzzsmoke
	boots
}

mkdir -p "$LOGS" || exit 1
start=$SECONDS
suite | tee "$LOGS/results.tap"
echo "# suite took $((SECONDS - start)) s; logs in $LOGS"
passed=$(grep -c '^ok - ' "$LOGS/results.tap")
failed=$(grep -c '^not ok - ' "$LOGS/results.tap")
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
