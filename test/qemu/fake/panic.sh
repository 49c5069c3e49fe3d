#!/bin/sh
# Fake QEMU: the kernel panics, prints a backtrace and halts (QEMU stays up).
printf 'Lux9 kernel\n'
printf 'selftest: ok first\n'
printf 'panic: deliberate panic for the test\n'
printf 'rip 0xffffffff80101234 rsp 0xffffffff80200000\n'
printf 'backtrace:\n'
printf '  0xffffffff80101234 selftestpanic+0x14\n'
printf '  0xffffffff80100100 main+0x40\n'
exec sleep 1000
