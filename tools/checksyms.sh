#!/bin/sh
# checksyms.sh NM PASS1 FINAL: the symbol table linked into FINAL was made
# from PASS1; it is right only if every text symbol kept its address.
nm=$1
a=$($nm -n "$2" | awk '$2 ~ /^[tT]$/' | md5sum)
b=$($nm -n "$3" | awk '$2 ~ /^[tT]$/' | md5sum)
if [ "$a" != "$b" ]; then
	echo "checksyms: text symbols moved between link passes; the backtrace table would lie" >&2
	exit 1
fi
