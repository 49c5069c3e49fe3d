#!/bin/sh
# Fake QEMU: fails to start, as QEMU does with a missing -kernel file.
echo 'qemu-system-x86_64: could not load kernel '"'"'build/gcc/lux9.bin'"'"': No such file' >&2
exit 1
