#!/bin/sh
# Fake QEMU: banner, a prompt with no newline, then echoes the serial input.
# $FAKE_DELAY (seconds) before the prompt, for the -b timer.
printf 'Lux9 kernel\n'
sleep "${FAKE_DELAY:-0}"
printf 'lux9> '
exec cat
