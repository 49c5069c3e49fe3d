/*
 * selftest.c - in-kernel tests, chosen by test= on the command line
 * (test=all, or a comma-separated list of names).  Each prints one line,
 * `selftest: ok NAME` or `selftest: FAIL NAME: why`, then a summary line
 * `selftest: done P passed, F failed`; test/qemu/harness reads them.
 *
 * Tests that must end the boot (a deliberate panic) run only when named.
 */
#include "portfns.h"
#include "fns.h"
#include "cmdline.h"
#include "selftest.h"

static char why[160];

/* Record why a test failed; returns the message for `return fail(...)`. */
const char *
fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprint(why, sizeof why, fmt, ap);
	va_end(ap);
	return why;
}

static u64int rngstate = 0x9E3779B97F4A7C15ULL;

/* xorshift64*: deterministic, so a failing run can be repeated */
u64int
testrand(void)
{
	rngstate ^= rngstate >> 12;
	rngstate ^= rngstate << 25;
	rngstate ^= rngstate >> 27;
	return rngstate * 0x2545F4914F6CDD1DULL;
}

/* A test that must stop the machine: the harness expects this panic and backtrace. */
static const char *
selftestpanic(void)
{
	panic("deliberate panic requested by test=panic");
}

/* Recurse until the stack runs into its guard page; the double fault handler reports it. */
static u64int
recurse(volatile u64int *depth)
{
	volatile u8int pad[512];

	pad[0] = (u8int)*depth;
	if(++*depth == 0)	/* never: the guard page stops us long before */
		return 0;
	return recurse(depth) + pad[0];
}

static const char *
selftestoverflow(void)
{
	volatile u64int depth = 0;

	recurse(&depth);
	return fail("recursion returned after %llu frames", (uvlong)depth);
}

static Selftest tests[] = {
	{"frames_each_handed_out_once", testframes, 0},
	{"frames_exhaustion_fails_cleanly", testframesoom, 0},
	{"mmu_map_unmap", testmapunmap, 0},
	{"mmu_write_to_readonly_page_faults", testrofault, 0},
	{"mmu_write_to_kernel_text_faults", testtextfault, 0},
	{"mmu_execute_nx_page_faults", testnxfault, 0},
	{"mmu_kernel_stack_has_guard_page", testguard, 0},
	{"heap_stress_random_sizes", testheap, 0},
	{"heap_rejects_bad_sizes", testheapbad, 0},
	{"clock_is_monotonic", testmonotonic, 0},
	{"timer_ticks", testticks, 0},
	{"sched_higher_priority_runs_first", testsched_priority, 0},
	{"sched_equal_priorities_take_turns", testsched_roundrobin, 0},
	{"clock_calibrated_against_best_source", testclocksrc, 0},
	{"acpi_tables_found", testacpi, 0},
	{"pci_finds_expected_devices", testpci, 0},
	{"pci_ecam_agrees_with_ports", testecam, 0},
	{"panic", selftestpanic, 1},
	{"stackoverflow", selftestoverflow, 1},
};

void
selftests(const char *which)
{
	Selftest *t;
	const char *err;
	int pass, failn;

	pass = failn = 0;
	print("selftest: begin\n");
	for(t = tests; t < tests + nelem(tests); t++){
		if(t->explicit ? !cmdlinehas(which, t->name) || strcmp(which, "all") == 0
			: !cmdlinehas(which, t->name))
			continue;
		why[0] = 0;
		err = t->fn();
		if(err == nil){
			print("selftest: ok %s\n", t->name);
			pass++;
		}else{
			print("selftest: FAIL %s: %s\n", t->name, err);
			failn++;
		}
	}
	print("selftest: done %d passed, %d failed\n", pass, failn);
}
