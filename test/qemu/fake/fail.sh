#!/bin/sh
# Fake QEMU: one test passes, one fails, the done line agrees.
printf 'selftest: ok first\n'
printf 'selftest: FAIL second: expected 4, got 5\n'
printf 'selftest: done 1 passed, 1 failed\n'
exit 33
