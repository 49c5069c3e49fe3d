#!/bin/sh
# Fake QEMU: the done line claims more tests than were reported.
printf 'selftest: ok first\n'
printf 'selftest: done 3 passed, 0 failed\n'
exit 33
