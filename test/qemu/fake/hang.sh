#!/bin/sh
# Fake QEMU: prints a little, then hangs with a child process.  The pids go
# to $FAKE_PIDS so the test can check that the whole group was killed.
printf 'Lux9 kernel\nselftest: ok first\n'
sleep 1000 &
echo $$ $! >> "${FAKE_PIDS:-/dev/null}"
wait
