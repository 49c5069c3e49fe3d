#!/bin/sh
# Fake QEMU: dies in the middle of the tests (a triple fault, say).
printf 'selftest: ok first\n'
printf 'selftest: ok sec'
exit 1
