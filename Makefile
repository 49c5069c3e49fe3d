# Lux9 top-level build.  `make run` boots Lux9 in QEMU; `make test` runs the
# whole suite.  Both install missing Debian packages first (tools/deps.sh).
#
# The kernel compiler is $(CC) (gcc by default; `make CC=clang` works too).
# Objects go to build/<compiler>/ so both builds can sit side by side.

CC ?= gcc
ifeq ($(origin CC),default)
CC := gcc
endif
HOSTCC ?= gcc
FUZZCC ?= clang
LD := ld
OBJCOPY := objcopy
NM := nm
QEMU := qemu-system-x86_64

CCNAME := $(notdir $(firstword $(CC)))
B := build/$(CCNAME)

KCFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -g \
	-ffreestanding -fno-builtin -fno-pic -fno-pie -mcmodel=kernel \
	-mno-red-zone -mno-mmx -mno-sse -mno-sse2 -mno-avx \
	-fno-stack-protector -fno-omit-frame-pointer -fno-strict-aliasing \
	-Ilib -Iinclude -Ikernel/port -Ikernel/arch/x86_64 -MMD -MP
ifeq ($(CCNAME),clang)
KCFLAGS += -target x86_64-unknown-none-elf
else
# -Wclobbered flags every argument live across waserror(); the discipline
# (nothing changed between waserror and error is used after) is in docs/kernel.md
KCFLAGS += -fno-asynchronous-unwind-tables -Wno-clobbered
endif
KASFLAGS := $(filter-out -std=c11,$(KCFLAGS)) -D__ASSEMBLY__
KLDFLAGS := -nostdlib -n -z noexecstack -z max-page-size=0x1000 --no-warn-rwx-segments \
	-T kernel/arch/x86_64/kernel.ld

KSRC := $(wildcard kernel/arch/x86_64/*.S) $(wildcard kernel/arch/x86_64/*.c) \
	$(wildcard kernel/port/*.c) $(wildcard lib/*.c)
KOBJ := $(patsubst %,$(B)/%.o,$(basename $(KSRC)))

.PHONY: all kernel run iso debug test unit fuzz fuzzers deps clean testarchive
all: kernel

kernel: $(B)/lux9.bin $(B)/lux9.elf

# `make V=1` shows the commands
ifeq ($(V),1)
Q :=
else
Q := @
endif

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC   $<")
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@
$(B)/%.o: %.S
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS   $<")
	$(Q)$(CC) $(KASFLAGS) -c $< -o $@

# Two-pass link for the symbolized backtrace: pass 1 links with an empty
# symbol table; its text symbols become ksyms.S; pass 2 links that in.
# The table sits after all text, so text addresses agree between passes.
$(B)/ksyms0.S:
	@mkdir -p $(dir $@)
	$(Q)printf '.section .ksyms,"a"\n.globl ksymtab\nksymtab:\n.quad 0\n' > $@
$(B)/ksyms0.o: $(B)/ksyms0.S
	$(Q)$(CC) $(KASFLAGS) -c $< -o $@
$(B)/lux9.pass1: $(KOBJ) $(B)/ksyms0.o kernel/arch/x86_64/kernel.ld
	@$(if $(Q),echo "  LD   $@")
	$(Q)$(LD) $(KLDFLAGS) -o $@ $(KOBJ) $(B)/ksyms0.o
$(B)/ksyms.S: $(B)/lux9.pass1 tools/mksyms.sh
	$(Q)sh tools/mksyms.sh $(NM) $< > $@
$(B)/ksyms.o: $(B)/ksyms.S
	$(Q)$(CC) $(KASFLAGS) -c $< -o $@
$(B)/lux9.elf: $(KOBJ) $(B)/ksyms.o
	@$(if $(Q),echo "  LD   $@")
	$(Q)$(LD) $(KLDFLAGS) -o $@ $(KOBJ) $(B)/ksyms.o
	$(Q)sh tools/checksyms.sh $(NM) $(B)/lux9.pass1 $@
$(B)/lux9.bin: $(B)/lux9.elf
	@$(if $(Q),echo "  BIN  $@")
	$(Q)$(OBJCOPY) -O binary $< $@

-include $(KOBJ:.o=.d)

# ---- the test boot archive ---------------------------------------------------
# user/test/ programs call the kernel directly (no libc) and form a cpio
# boot archive; booted with it, /boot/init runs the kernel ABI tests.
UB := build/user
RAWCFLAGS := -std=c11 -Wall -Wextra -Werror -O2 -static -nostdlib -ffreestanding \
	-fno-pic -fno-pie -no-pie -fno-stack-protector -fno-builtin -Iinclude \
	-Wl,-z,max-page-size=4096 -Wl,-z,noexecstack
$(UB)/test/abitest: user/test/abitest.c user/test/rt.h include/sys.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UCC  $<")
	$(Q)$(HOSTCC) $(RAWCFLAGS) $< -o $@
# libc programs of the test archive: the runner is /init, the tests /test/*
UTESTS := abitest libctest proctest budgettest fuzztest pipetest notetest
$(UB)/test/%.o: user/test/%.c user/test/t.h $(UB)/libc.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UCC  $<")
	$(Q)$(UCC) $(UCFLAGS) -c $< -o $@
$(UB)/test/%: $(UB)/test/%.o $(UB)/crt0.o $(UB)/libc.a
	$(Q)$(UCC) $(UPROG_LDFLAGS) -o $@ $(UB)/crt0.o $< $(UB)/libc.a
$(B)/test.cpio: $(UB)/test/runner $(addprefix $(UB)/test/,$(UTESTS))
	@rm -rf $(UB)/testroot && mkdir -p $(UB)/testroot/test
	cp $(UB)/test/runner $(UB)/testroot/init
	cp $(addprefix $(UB)/test/,$(UTESTS)) $(UB)/testroot/test/
	cd $(UB)/testroot && find . | cpio -o -H newc --quiet > $(CURDIR)/$@
testarchive: $(B)/test.cpio

include user/libc/Makefile.inc

# ---- running -------------------------------------------------------------
QEMUFLAGS ?= -machine q35 -m 256M
CMDLINE ?=
run: deps kernel
	$(QEMU) -accel tcg $(QEMUFLAGS) -kernel $(B)/lux9.bin -append "$(CMDLINE)" \
		-nographic -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=4

debug: deps kernel
	@echo "QEMU is halted with its gdb stub on :1234; in another terminal: gdb -x tools/gdbinit"
	$(QEMU) -accel tcg $(QEMUFLAGS) -kernel $(B)/lux9.bin -append "$(CMDLINE)" \
		-nographic -no-reboot -s -S

iso: deps $(B)/lux9.iso
$(B)/lux9.iso: $(B)/lux9.bin tools/grub.cfg
	rm -rf $(B)/isodir && mkdir -p $(B)/isodir/boot/grub
	cp $(B)/lux9.bin $(B)/isodir/boot/lux9
	cp tools/grub.cfg $(B)/isodir/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(B)/isodir 2>$(B)/grub-mkrescue.log || { cat $(B)/grub-mkrescue.log; exit 1; }

deps:
	@sh tools/deps.sh

# ---- host tests ------------------------------------------------------------
# Pure code from lib/ and kernel/port/ runs on the host under ASan/UBSan.
# lib/string.c is the kernel's own mem*/str*; the host uses its libc's.
HOSTSRC := $(filter-out lib/string.c,$(wildcard lib/*.c)) kernel/port/frame.c kernel/port/cmdline.c kernel/port/alloc.c
HOSTCFLAGS := -std=c11 -Wall -Wextra -Werror -g -O1 -D_DEFAULT_SOURCE -DLUX9_HOSTED \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Ilib -Ikernel/port -MMD -MP
HB := build/host
HOSTOBJ := $(patsubst %.c,$(HB)/%.o,$(wildcard $(HOSTSRC)))
UNITS := $(patsubst test/host/%.c,$(HB)/%,$(wildcard test/host/*_test.c))

$(HB)/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) -c $< -o $@
$(HB)/%: test/host/%.c $(HOSTOBJ)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) $< $(HOSTOBJ) -lcmocka -o $@
-include $(HOSTOBJ:.o=.d)

-include $(UNITS:=.d)

unit: $(UNITS)

# ---- fuzzing ---------------------------------------------------------------
FB := build/fuzz
FUZZCFLAGS := -std=c11 -g -O1 -D_DEFAULT_SOURCE -DLUX9_HOSTED -Ilib -Ikernel/port \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZERS := $(patsubst test/fuzz/%.c,$(FB)/%,$(wildcard test/fuzz/*.c))
$(FB)/%: test/fuzz/%.c $(wildcard $(HOSTSRC)) $(wildcard lib/*.h kernel/port/*.h)
	@mkdir -p $(dir $@)
	$(FUZZCC) $(FUZZCFLAGS) $< $(wildcard $(HOSTSRC)) -o $@
fuzzers: $(FUZZERS)
FUZZTIME ?= 300
fuzz: deps $(FUZZERS)
	@for f in $(FUZZERS); do n=$$(basename $$f); mkdir -p $(FB)/new/$$n; \
		$$f -max_total_time=$(FUZZTIME) $(FB)/new/$$n test/fuzz/corpus/$$n || exit 1; done

# ---- the suite -------------------------------------------------------------
test: deps
	@bash test/run.sh

clean:
	rm -rf build

# ---- benchmarks ----------------------------------------------------------------
# `make bench` (docs/benchmarks.md): the bench/ programs built against libc
# into the bench boot archive (init at /init, programs at /bench/NAME), then
# the Linux column, the Lux9 column and the table.  Never part of `make test`:
# timings are recorded, not asserted.
BENCHES := nullsys forkexit forkexec pagefault benchexec
$(UB)/bench/%.o: bench/%.c bench/bench.h $(UB)/libc.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  UCC  $<")
	$(Q)$(UCC) $(UCFLAGS) -c $< -o $@
$(UB)/bench/%: $(UB)/bench/%.o $(UB)/crt0.o $(UB)/libc.a
	$(Q)$(UCC) $(UPROG_LDFLAGS) -o $@ $(UB)/crt0.o $< $(UB)/libc.a
$(B)/bench.cpio: $(UB)/bench/init $(addprefix $(UB)/bench/,$(BENCHES))
	@rm -rf $(UB)/benchroot && mkdir -p $(UB)/benchroot/bench
	cp $(UB)/bench/init $(UB)/benchroot/init
	cp $(addprefix $(UB)/bench/,$(BENCHES)) $(UB)/benchroot/bench/
	cd $(UB)/benchroot && find . | sort | cpio -o -H newc --quiet > $(CURDIR)/$@
-include $(patsubst %,$(UB)/bench/%.d,init $(BENCHES))

bench: deps kernel $(B)/bench.cpio
	sh tools/linuxbench.sh
	sh tools/luxbench.sh
	@echo
	@sh tools/benchtable.sh build/bench/lux9.txt build/bench/linux.txt
.PHONY: bench
