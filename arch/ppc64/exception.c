// SPDX-License-Identifier: MIT
/* Interrupt dispatch, the register dump for unexpected exceptions, fault catching. */
#define pr_fmt ""
#include <string.h>
#include <arch/cache.h>
#include <arch/exception.h>
#include <arch/hcall_cpu.h>
#include <arch/irq.h>
#include <arch/memlayout.h>
#include <arch/paca.h>
#include <arch/reg.h>
#include <arch/time.h>
#include <arch/uaccess.h>
#include <vrm/errno.h>
#include <vrm/log.h>
#include <vrm/panic.h>
#include <vrm/symbols.h>

extern char _vectors_start[], _vectors_end[];

static const struct {
	unsigned long vector;
	const char *name;
} names[] = {
	{ 0x100, "system reset" }, { 0x200, "machine check" },
	{ 0x300, "data storage" }, { 0x380, "data segment" },
	{ 0x400, "instruction storage" }, { 0x480, "instruction segment" },
	{ 0x500, "external" }, { 0x600, "alignment" }, { 0x700, "program" },
	{ 0x800, "floating-point unavailable" }, { 0x900, "decrementer" },
	{ 0x980, "hypervisor decrementer" }, { 0xa00, "doorbell" },
	{ 0xc00, "system call" }, { 0xd00, "trace" },
	{ 0xe00, "hypervisor data storage" }, { 0xe20, "hypervisor instruction storage" },
	{ 0xe40, "hypervisor emulation assistance" }, { 0xe60, "hypervisor maintenance" },
	{ 0xe80, "hypervisor doorbell" }, { 0xea0, "hypervisor virtualization" },
	{ 0xf00, "performance monitor" }, { 0xf20, "vector unavailable" },
	{ 0xf40, "VSX unavailable" }, { 0xf60, "facility unavailable" },
	{ 0xf80, "hypervisor facility unavailable" },
};

const char *vector_name(unsigned long vector)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].vector == vector)
			return names[i].name;
	return "unknown";
}

static exception_handler_t *handlers[EXCEPTION_VECTOR_LIMIT / EXCEPTION_VECTOR_STEP];

static void (*interrupt_exit)(struct trap_frame *f);
static void (*user_fault)(struct trap_frame *f, int error);
static void (*user_return)(struct trap_frame *f);

void exception_set_interrupt_exit(void (*fn)(struct trap_frame *f))
{
	interrupt_exit = fn;
}

void exception_set_user_hooks(void (*fault)(struct trap_frame *f, int error),
			       void (*ret)(struct trap_frame *f))
{
	user_fault = fault;
	user_return = ret;
}

extern char uaccess_begin[], uaccess_end[], uaccess_fault[];

bool uaccess_fixup(unsigned long *nip)
{
	if (*nip < (unsigned long)uaccess_begin || *nip >= (unsigned long)uaccess_end)
		return false;
	*nip = (unsigned long)uaccess_fault;
	return true;
}

void exception_set_handler(unsigned long vector, exception_handler_t *h)
{
	handlers[vector / EXCEPTION_VECTOR_STEP] = h;
}

/* The MSR interrupt handlers start with on every CPU; each CPU adds
 * translation to its own copy when its MMU is on (mmu_cpu_enable). */
static unsigned long handler_msr;

void exception_paca_init(struct paca *pc)
{
	pc->kernel_msr = handler_msr;
}

int exceptions_init(void)
{
	size_t size = _vectors_end - _vectors_start;
	long rc;

	/* Handlers run 64-bit, little-endian, machine checks on, interrupts
	 * off; the MMU adds translation when it is ready. */
	handler_msr = (mfmsr() & ~(MSR_EE | MSR_IR | MSR_DR)) | MSR_RI;
	exception_paca_init(this_paca());

	memcpy(va(0), _vectors_start, size);
	icache_sync_range((unsigned long)va(0), (unsigned long)va(size));
	/* Interrupts are taken big-endian until LPCR[ILE] is set this way. */
	rc = hv_set_mode(H_SET_MODE_ENDIAN_LITTLE, H_SET_MODE_RESOURCE_LE, 0, 0);
	if (rc != H_SUCCESS) {
		pr_emerg("H_SET_MODE(little-endian interrupts) failed: %ld\n", rc);
		return hcall_errno(rc);
	}
	return 0;
}

static void print_symbol(const char *label, unsigned long addr)
{
	unsigned long off;
	const char *name = ksym_lookup(addr, &off);

	if (name)
		pr_emerg("  %s %016lx %s+%#lx\n", label, addr, name, off);
	else
		pr_emerg("  %s %016lx\n", label, addr);
}

/* A frame the walk may read: aligned and on this CPU's stack, so a wild r1
 * cannot make the dump itself fault. */
static bool stack_ok(unsigned long sp)
{
	unsigned long top = this_paca()->kstack_top;

	return !(sp & 7) && sp >= top - KSTACK_SIZE && sp + 24 <= top;
}

/* The next frame of a back chain lies above this one. */
static bool next_frame_ok(unsigned long next, unsigned long sp)
{
	return stack_ok(next) && next > sp;
}

static void backtrace(const struct trap_frame *f)
{
	unsigned long sp = f->gpr[1];

	pr_emerg("backtrace:\n");
	print_symbol("nip", f->nip);
	print_symbol("lr ", f->lr);
	for (int depth = 0; depth < 16 && stack_ok(sp); depth++) {
		unsigned long next = *(unsigned long *)sp;

		if (!next_frame_ok(next, sp))
			break;
		/* A function saves its LR in its caller's frame, at 16(r1). */
		print_symbol("   ", *(unsigned long *)(next + 16));
		sp = next;
	}
}

void dump_frame(const struct trap_frame *f)
{
	pr_emerg("exception %#lx (%s) on cpu %u\n", f->vector, vector_name(f->vector),
		 cpu_index());
	pr_emerg("  SRR0 %016lx  SRR1 %016lx\n", f->nip, f->msr);
	pr_emerg("  DAR  %016lx  DSISR %08lx\n", f->dar, f->dsisr);
	pr_emerg("  LR   %016lx  CTR  %016lx\n", f->lr, f->ctr);
	pr_emerg("  CR   %08lx  XER  %016lx\n", f->ccr, f->xer);
	dump_gprs(f, LOG_EMERG);
	backtrace(f);
}

void dump_gprs(const struct trap_frame *f, int level)
{
	for (int i = 0; i < 32; i += 4)
		klog(level, "  r%-2d %016lx %016lx %016lx %016lx\n", i, f->gpr[i], f->gpr[i + 1],
		     f->gpr[i + 2], f->gpr[i + 3]);
}

void fault_catch_arm(struct fault_catch *c)
{
	c->caught = false;
	c->resume_msr = mfmsr();
	this_paca()->fault_catch = c;
}

void fault_catch_disarm(void)
{
	this_paca()->fault_catch = NULL;
}

/* Resumes the armed catch: the frame now returns into longjmp(env, 1). */
static void resume_catch(struct trap_frame *f, struct fault_catch *c, int error)
{
	c->error = error;
	c->vector = f->vector;
	c->nip = f->nip;
	c->msr = f->msr;
	c->dar = f->dar;
	c->dsisr = f->dsisr;
	c->caught = true;
	this_paca()->fault_catch = NULL;
	f->gpr[3] = (unsigned long)c->env;
	f->gpr[4] = 1;
	f->nip = (unsigned long)longjmp;
	f->gpr[12] = f->nip;	/* ELFv2: r12 = address at a global entry */
	f->msr = c->resume_msr;
}

/* Runs the vector's handler; what it cannot resolve becomes a signal for
 * a task, the fix-up of a user copy, a caught fault, or a panic. */
static void handle(struct trap_frame *f)
{
	struct paca *pc = this_paca();
	struct fault_catch *c;
	exception_handler_t *h;
	int error = 0;

	switch (f->vector) {
	case 0x900:
		timer_interrupt();
		if (interrupt_exit)
			interrupt_exit(f);
		return;
	case 0x500:
		xics_external_interrupt();
		if (interrupt_exit)
			interrupt_exit(f);
		return;
	}
	h = f->vector < EXCEPTION_VECTOR_LIMIT ? handlers[f->vector / EXCEPTION_VECTOR_STEP] : NULL;
	if (h) {
		error = h(f);
		if (!error)
			return;
	}
	if ((f->msr & MSR_PR) && user_fault) {
		user_fault(f, error);
		return;
	}
	if (!(f->msr & MSR_PR) && uaccess_fixup(&f->nip))
		return;
	c = pc->fault_catch;
	if (c) {
		dump_frame(f);
		resume_catch(f, c, error);
		return;
	}
	panic_begin();
	if (error)
		pr_emerg("unresolved: %s\n", strerror(-error));
	dump_frame(f);
	panic("unexpected %s exception at %#lx", vector_name(f->vector), f->nip);
}

void exception_dispatch(struct trap_frame *f);
void exception_dispatch(struct trap_frame *f)
{
	bool from_user = f->msr & MSR_PR;

	handle(f);
	if (from_user && user_return)
		user_return(f);
}
