/*
 * cpu.c - what CPU this is: vendor, model string and feature bits, and
 * turning on the features the kernel relies on.
 */
#include "portfns.h"
#include "fns.h"

void
cpuidentify(void)
{
	u32int r[4], max, i;

	cpuid(0, 0, r);
	max = r[0];
	memcpy(conf.cpuvendor, &r[1], 4);
	memcpy(conf.cpuvendor + 4, &r[3], 4);
	memcpy(conf.cpuvendor + 8, &r[2], 4);
	conf.cpuvendor[12] = 0;
	if(max >= 1){
		cpuid(1, 0, r);
		conf.cpufeat[0] = r[2];
		conf.cpufeat[1] = r[3];
	}
	cpuid(0x80000000, 0, r);
	if(r[0] >= 0x80000001){
		cpuid(0x80000001, 0, r);
		conf.cpufeat[2] = r[2];
		conf.cpufeat[3] = r[3];
	}
	conf.cpumodel[0] = 0;
	cpuid(0x80000000, 0, r);
	if(r[0] >= 0x80000004){
		for(i = 0; i < 3; i++){
			cpuid(0x80000002 + i, 0, r);
			memcpy(conf.cpumodel + 16 * i, r, 16);
		}
		conf.cpumodel[48] = 0;
	}
}

/*
 * QEMU's isa-debug-exit device (port 0xF4 when configured) ends the
 * emulator with status code*2+1; without the device this does nothing.
 */
void
qemuexit(int code)
{
	outl(0xF4, code);
}
