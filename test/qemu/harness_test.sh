#!/bin/sh
# test/qemu/harness_test.sh — the QEMU harness judged against fake QEMUs
# (test/qemu/fake/*.sh print canned serial output, hang, or echo their input).
# usage: sh test/qemu/harness_test.sh [harness-binary]
# Prints one TAP line `ok - harness/CASE` per case; exits 1 if any failed.

H=${1:-build/harness}
F=$(dirname "$0")/fake
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
failed=0

problem() { problems="${problems:+$problems; }$1"; }

# run CASE WANTED-EXIT-STATUS HARNESS-ARGS...: output goes to $T/out.
# The outer timeout turns a hung harness into a failure, not a hung suite.
run() {
	name=$1 want=$2
	shift 2
	problems=""
	start=$(date +%s%N)
	timeout -k 1 30 "$H" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	[ "$rc" = 124 ] && problem "harness hung"
	[ "$rc" = "$want" ] || problem "exit status $rc, expected $want"
}
line() { grep -Fxq -- "$1" "$T/out" || problem "no line '$1'"; }
noline() { grep -Fxq -- "$1" "$T/out" && problem "unexpected line '$1'"; }
contains() { grep -Fq -- "$1" "$T/out" || problem "nothing contains '$1'"; }
faster() { [ "$ms" -lt "$1" ] || problem "took $ms ms, limit $1 ms"; }

# Every pid listed in $1 must be gone (a zombie awaiting its reaper is gone enough).
dead() {
	for p in $(cat "$1" 2>/dev/null); do
		i=0
		while [ $i -lt 40 ]; do
			st=$(ps -o stat= -p "$p" 2>/dev/null)
			case "$st" in "" | Z*) break ;; esac
			sleep 0.05
			i=$((i + 1))
		done
		case "$st" in "" | Z*) ;; *) problem "pid $p still running"; kill -9 "$p" ;; esac
	done
}

verdict() {
	if [ -z "$problems" ]; then
		echo "ok - harness/$name"
	else
		echo "not ok - harness/$name: $problems"
		sed 's/^/# | /' "$T/out" "$T/err" | head -60
		failed=1
	fi
}

run selftest_all_pass 0 -n f -- sh "$F/pass.sh"
line "ok - f/frame_alloc_returns_aligned_pages"
line "ok - f/pipe_preserves_message_boundaries"
line "ok - f/boot"
[ "$(grep -c '^#' "$T/out")" = 0 ] || problem "printed a log tail on success"
verdict

run selftest_failure_is_reported 1 -n f -- sh "$F/fail.sh"
line "ok - f/first"
line "not ok - f/second: expected 4, got 5"
line "ok - f/boot"
line "# selftest: FAIL second: expected 4, got 5"
verdict

run selftest_miscount_fails_boot 1 -n f -- sh "$F/miscount.sh"
line "not ok - f/boot: done line says 3 passed, 0 failed, but 1 ok and 0 FAIL lines were seen"
verdict

run selftest_zero_tests_fails_boot 1 -n f -- sh "$F/notests.sh"
line "not ok - f/boot: no tests ran"
verdict

run selftest_death_before_done_fails_boot 1 -n f -- sh "$F/dies.sh"
line "ok - f/first"
noline "ok - f/sec"
line "not ok - f/boot: qemu exited with status 1 before the done line"
line "# selftest: ok sec"
verdict

run junk_and_split_lines_are_read 0 -n f -l "$T/log" -- sh "$F/junk.sh"
line "ok - f/split_line"
line "ok - f/boot"
[ "$(wc -c <"$T/log")" -gt 100000 ] || problem "log is not the whole serial output"
verdict

run qemu_stderr_is_shown 1 -n f -- sh "$F/stderr.sh"
line "not ok - f/boot: qemu exited with status 1 before the done line"
contains "# qemu-system-x86_64: could not load kernel"
verdict

run missing_qemu_fails 1 -n f -- /nonexistent/qemu
line "not ok - f/boot: qemu exited with status 127 before the done line"
contains "cannot run /nonexistent/qemu"
verdict

run panic_fails_selftest_with_backtrace 1 -n f -- sh "$F/panic.sh"
line "ok - f/first"
line "not ok - f/boot: panic: deliberate panic for the test"
line "#   0xffffffff80100100 main+0x40"
faster 3000
verdict

run panic_fails_expect 1 -n f -x "panic: deliberate" -x backtrace -- sh "$F/panic.sh"
line "not ok - f: panic: deliberate panic for the test"
verdict

run expected_panic_passes 0 -n f -p -x "panic: deliberate" -x backtrace -x selftestpanic -- sh "$F/panic.sh"
line "ok - f"
faster 3000
verdict

run expected_panic_needs_backtrace 1 -n f -p -x "panic: deliberate" -x nosuchframe -- sh "$F/panic.sh"
line "not ok - f: \"nosuchframe\" did not come within 60 lines or 1000 ms of the panic"
verdict

run expected_panic_must_happen 1 -n f -t 1 -p -x "lux9>" -- sh "$F/echo.sh"
line "not ok - f: timed out waiting for a panic after 1 s"
verdict

rm -f "$T/pids"
FAKE_PIDS=$T/pids run hang_times_out_and_kills_group 1 -n f -t 1 -- sh "$F/hang.sh"
line "ok - f/first"
line "not ok - f/boot: timed out after 1 s without a done line"
faster 3000
[ -s "$T/pids" ] || problem "fake wrote no pids"
dead "$T/pids"
verdict

FAKE_DELAY=0.3 run echo_types_and_times 0 -n f -b "lux9>" -x "lux9>" -s 'hello lux9\r' -x "hello lux9" -- sh "$F/echo.sh"
line "ok - f"
n=$(sed -n 's/^# f: lux9> after \([0-9]*\) ms$/\1/p' "$T/out")
[ -n "$n" ] && [ "$n" -ge 300 ] || problem "no plausible boot time line (got '$n')"
verdict

run echo_timeout_names_text 1 -n f -t 1 -x "lux9>" -s 'hello\r' -x "goodbye" -- sh "$F/echo.sh"
line "not ok - f: timed out waiting for \"goodbye\" after 1 s"
line "# lux9> hello"
verdict

run expect_death_is_reported 1 -n f -x "never" -- sh "$F/dies.sh"
line "not ok - f: qemu exited with status 1 while waiting for \"never\""
verdict

run flood_is_bounded 1 -n f -t 1 -l "$T/log" -- sh "$F/flood.sh"
line "not ok - f/boot: timed out after 1 s without a done line"
[ "$(wc -c <"$T/log")" -le 16777300 ] || problem "log not capped"
faster 5000
verdict

run closed_stdin_is_fine 0 -n f -- sh "$F/pass.sh" <&-
line "ok - f/boot"
verdict

run usage_error 2 -n f
verdict

# A harness killed from outside still takes QEMU down with it.
name=signal_kills_group problems=""
rm -f "$T/pids"
FAKE_PIDS=$T/pids "$H" -n f -t 100 -- sh "$F/hang.sh" >"$T/out" 2>"$T/err" &
hp=$!
i=0
while [ ! -s "$T/pids" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
kill -TERM "$hp"
wait "$hp"
rc=$?
[ "$rc" = 143 ] || problem "exit status $rc, expected 143 (SIGTERM)"
[ -s "$T/pids" ] || problem "fake wrote no pids"
dead "$T/pids"
verdict

exit $failed
