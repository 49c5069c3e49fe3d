#!/bin/sh
# Fake QEMU: a self-test boot that ran nothing.
printf 'selftest: done 0 passed, 0 failed\n'
exit 33
