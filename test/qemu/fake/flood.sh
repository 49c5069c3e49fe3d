#!/bin/sh
# Fake QEMU: endless output, never a done line.
exec yes 'all work and no play'
