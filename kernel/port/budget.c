/*
 * budget.c - resource budgets, the base of the pebble system.  A budget
 * caps pages of memory, processes and channels for the processes drawing
 * on it; a charge that would pass the limit of the budget or of any
 * ancestor fails with "budget exceeded: WHAT" and changes nothing.
 *
 * A budget lives while processes or segments refer to it (ref) or
 * anything is still charged to it (a frame shared copy-on-write can
 * outlive the process that paid for it).
 */
#include "portfns.h"
#include "fns.h"

static const char *budgetname[NBUDGET] = { "memory", "processes", "channels" };
static Budget rootbudget;

Budget *
budgetroot(void)
{
	if(rootbudget.ref == 0){
		rootbudget.ref = 1;
		rootbudget.limit[BMEM] = pagenfree();
		rootbudget.limit[BPROC] = NPROC;
		rootbudget.limit[BCHAN] = NPROC * NFD;
	}
	return &rootbudget;
}

/* A sub-budget of parent with the given limits (each at most the parent's). */
Budget *
newbudget(Budget *parent, const u64int *limit)
{
	Budget *b;
	int i;

	b = mallocz(sizeof *b);
	if(b == nil)
		return nil;
	for(i = 0; i < NBUDGET; i++)
		b->limit[i] = limit[i] < parent->limit[i] ? limit[i] : parent->limit[i];
	b->parent = parent;
	b->ref = 1;
	budgetref(parent);
	return b;
}

static void
maybefree(Budget *b)
{
	Budget *parent;
	int i, idle;

	if(b == &rootbudget)
		return;
	lock(&b->lk);
	idle = b->ref == 0;
	for(i = 0; i < NBUDGET; i++)
		if(b->used[i] != 0)
			idle = 0;
	unlock(&b->lk);
	if(!idle)
		return;
	parent = b->parent;
	free(b);
	budgetput(parent);
}

void
budgetref(Budget *b)
{
	lock(&b->lk);
	b->ref++;
	unlock(&b->lk);
}

void
budgetput(Budget *b)
{
	lock(&b->lk);
	b->ref--;
	unlock(&b->lk);
	maybefree(b);
}

static void
refund(Budget *b, Budget *stop, int what, u64int n)
{
	for(; b != stop; b = b->parent){
		lock(&b->lk);
		if(b->used[what] < n)
			panic("budget: refund of %llu %s exceeds the %llu charged",
				(uvlong)n, budgetname[what], (uvlong)b->used[what]);
		b->used[what] -= n;
		unlock(&b->lk);
	}
}

int
budgetcharge(Budget *b, int what, u64int n)
{
	Budget *x;

	for(x = b; x != nil; x = x->parent){
		lock(&x->lk);
		if(x->used[what] + n > x->limit[what]){
			unlock(&x->lk);
			refund(b, x, what, n);
			if(up != nil)
				snprint(up->errstr, sizeof up->errstr, "budget exceeded: %s", budgetname[what]);
			return -1;
		}
		x->used[what] += n;
		unlock(&x->lk);
	}
	return 0;
}

void
budgetuncharge(Budget *b, int what, u64int n)
{
	refund(b, nil, what, n);
	maybefree(b);
}

/* "memory 12/65000 processes 3/1024 channels 9/131072" */
int
budgetprint(Budget *b, char *buf, size_t n)
{
	return snprint(buf, n, "memory %llu/%llu processes %llu/%llu channels %llu/%llu",
		(uvlong)b->used[BMEM], (uvlong)b->limit[BMEM], (uvlong)b->used[BPROC],
		(uvlong)b->limit[BPROC], (uvlong)b->used[BCHAN], (uvlong)b->limit[BCHAN]);
}
