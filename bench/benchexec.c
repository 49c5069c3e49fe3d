/*
 * benchexec - the program forkexec runs: it does nothing and exits cleanly,
 * so what is measured is exec and start-up, not the program.
 */
#include "bench.h"

int
main(void)
{
	benchexit(0);
}
