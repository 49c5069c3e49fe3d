#!/bin/sh
# mksyms.sh NM KERNEL: print an assembly file holding KERNEL's text
# symbols, sorted by address, as read by kernel/port/ksym.c.
nm=$1 kernel=$2
$nm -n "$kernel" | awk 'BEGIN { n = 0 }
$2 ~ /^[tT]$/ && $3 !~ /^\./ { addr[n] = $1; name[n] = $3; n++ }
END {
	print ".section .ksyms,\"a\""
	print ".balign 8"
	print ".globl ksymtab"
	print "ksymtab:"
	printf ".quad %d\n", n
	for(i = 0; i < n; i++)
		printf ".quad 0x%s, .Lksym%d\n", addr[i], i
	for(i = 0; i < n; i++)
		printf ".Lksym%d: .asciz \"%s\"\n", i, name[i]
}'
