#!/bin/sh
# tools/benchtable.sh — Lux9 and Linux benchmark results side by side.
#
#	tools/benchtable.sh [-m] LUX9FILE LINUXFILE
#
# Each file holds `bench NAME ITER NS_PER_ITER` lines (other lines are
# ignored; if a name repeats, its last line counts).  Prints one row per
# benchmark, in the order first seen: the name, Lux9's ns/op, Linux's ns/op
# and the ratio Lux9/Linux.  A side without the benchmark shows "—" and the
# row has no ratio.  -m prints a Markdown table (for docs/benchmarks.md).
# Rows whose iteration counts differ get a note on stderr: the two sides did
# not do the same work.

md=0
if [ "${1:-}" = -m ]; then
	md=1
	shift
fi
if [ $# -ne 2 ]; then
	echo "usage: tools/benchtable.sh [-m] LUX9FILE LINUXFILE" >&2
	exit 2
fi
for f in "$1" "$2"; do
	[ -r "$f" ] || { echo "tools/benchtable.sh: cannot read $f" >&2; exit 1; }
done

exec awk -v md="$md" '
function add(side, name, iter, ns) {
	if (!((name) in seen)) {
		seen[name] = 1
		order[++n] = name
	}
	val[side, name] = ns
	its[side, name] = iter
}
# Pad s to w columns; the dash is one column but three bytes in UTF-8.
function pad(s, w, right,   len, sp) {
	len = (s == DASH) ? 1 : length(s)
	sp = ""
	while (len++ < w)
		sp = sp " "
	return right ? sp s : s sp
}
function row(a, b, c, d,   s) {
	if (md) {
		printf "| %s | %s | %s | %s |\n", a, b, c, d
		return
	}
	s = pad(a, 12, 0) "  " pad(b, 12, 1) "  " pad(c, 12, 1) (d == "" ? "" : "  " pad(d, 10, 1))
	print s
}
BEGIN { DASH = "\342\200\224" }
{ sub(/\r$/, "") }
$1 == "bench" && NF >= 4 && $3 ~ /^[0-9]+$/ && $4 ~ /^[0-9]+(\.[0-9]+)?$/ {
	add(side, $2, $3, $4)
}
END {
	row("benchmark", "Lux9 ns/op", "Linux ns/op", "Lux9/Linux")
	if (md)
		print "|---|--:|--:|--:|"
	for (i = 1; i <= n; i++) {
		k = order[i]
		l = ((1, k) in val) ? val[1, k] : DASH
		x = ((2, k) in val) ? val[2, k] : DASH
		r = ""
		if (l != DASH && x != DASH && x + 0 > 0)
			r = sprintf("%.2f", l / x)
		if (l != DASH && x != DASH && its[1, k] != its[2, k])
			printf "benchtable: %s: Lux9 ran %s iterations, Linux %s\n", k, its[1, k], its[2, k] > "/dev/stderr"
		row(k, l, x, r)
	}
}
' side=1 "$1" side=2 "$2"
