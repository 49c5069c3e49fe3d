#!/bin/sh
# Fake QEMU: binary junk, NULs, a 100 KB line with no newline in it, and a
# protocol line split across writes; the harness must still read it right.
i=0
while [ $i -lt 200 ]; do
	printf '\001\002\033[0m\377\376\200\000\t'
	i=$((i + 1))
done
printf '\n\000\001\377junk\n'
head -c 100000 /dev/zero | tr '\0' 'x'
printf '\nselft'
sleep 0.2
printf 'est: ok split_line\r'
sleep 0.2
printf '\nselftest: done 1 passed, 0 failed\n'
exit 33
