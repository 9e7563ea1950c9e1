# SPDX-License-Identifier: MIT
# vrm: one non-recursive Makefile. Each folder adds its objects in its
# Makefile.inc; everything is built under build/.

VERSION       := 0.1.0
CROSS_COMPILE ?= powerpc64le-linux-gnu-
BUILD         ?= build
FIRMWARE      ?= slof
SMP           ?= 1
MEM           ?= 1G
# Room for hotplug in make run and make debug: tools/dlpar adds CPU cores
# up to MAXCPUS and DIMMs up to MAXMEM in all.
MAXCPUS       ?= 8
MAXMEM        ?= 8G
BOOT          ?= kernel
SUITE         ?=
V             ?= 0

CC      := $(CROSS_COMPILE)gcc
LD      := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
NM      := $(CROSS_COMPILE)nm
READELF := $(CROSS_COMPILE)readelf
HOSTCC  ?= gcc
PYTHON  ?= python3
QEMU    ?= qemu-system-ppc64
# Suites that make test runs at once: one per core unless told.
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)

# A fresh machine has no cross compiler yet, and the variables below ask it
# questions. So tools/deps.sh (which installs what is missing, and is quick
# when nothing is) runs first, while this file is read, before anything
# else; only the clean goals do without it.
ifneq ($(filter-out clean clean-user,$(or $(MAKECMDGOALS),all)),)
deps_status := $(shell BUILD=$(BUILD) sh tools/deps.sh >&2; echo $$?)
ifneq ($(deps_status),0)
$(error tools/deps.sh failed (status $(deps_status)): see its messages above)
endif
endif

FDT_DIR := $(BUILD)/libfdt/usr
FDT_LIB := $(FDT_DIR)/lib/powerpc64le-linux-gnu/libfdt.a

# The compiler's own headers (stddef.h, stdint.h) for -nostdinc builds,
# asked of the compiler at the first recipe that needs them (never while
# this file is read) and remembered. gcc answers a bare "include" when it
# has no such directory.
cc_include = $(or $(filter /%,$(shell $(CC) -print-file-name=include 2>/dev/null)),\
	$(error $(CC) gives no include directory: is the cross compiler installed?))
CC_INCLUDE = $(eval CC_INCLUDE := $(cc_include))$(CC_INCLUDE)

# Every output is written under a temporary name and renamed into place
# when it is complete, so a build killed at any point leaves nothing that
# make would take as up to date; a failing rule loses its target too.
.DELETE_ON_ERROR:
# $(call compile,COMPILER AND FLAGS): $< into $@, with its .d beside it.
compile = $(1) -MMD -MP -MF $@.d.tmp -MT $@ -c $< -o $@.tmp && \
	mv -f $@.d.tmp $(@:.o=.d) && mv -f $@.tmp $@

ifeq ($(V),1)
Q :=
say :=
else
Q := @
say = @printf '  %-7s %s\n' $(1) $(2);
endif

# Kernel code and Debian's libfdt share one stack-protector layout: the
# canary lives at r13 - 0x7010, in the per-CPU area (ARCHITECTURE.md, 4).
KCFLAGS = -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-ffreestanding -fno-builtin -nostdinc -fno-common -fno-pie \
	-mcpu=power9 -mlittle-endian -mabi=elfv2 -mcmodel=medium \
	-msoft-float -mno-altivec -mno-vsx -mno-string \
	-fstack-protector-strong -mstack-protector-guard=tls \
	-mstack-protector-guard-reg=r13 -mstack-protector-guard-offset=-0x7010 \
	-isystem $(CC_INCLUDE) \
	-Iinclude -Iinclude/libc -Iarch/ppc64/include -I$(BUILD)/gen \
	-I$(FDT_DIR)/include -DVRM_VERSION='"$(VERSION)"'
KASFLAGS = $(filter-out -std=gnu11,$(KCFLAGS)) -D__ASSEMBLY__ -Wa,-mregnames

obj-y :=
include boot/Makefile.inc
include arch/ppc64/Makefile.inc
include base/Makefile.inc
include mm/Makefile.inc
include kernel/Makefile.inc
include drivers/Makefile.inc
include lib/Makefile.inc
include test/kernel/Makefile.inc

KOBJS := $(addprefix $(BUILD)/,$(obj-y))
KERNEL := $(BUILD)/vrm.elf

.PHONY: all run test debug clean bench
all: $(KERNEL) $(BUILD)/initramfs.cpio

$(BUILD)/%.o: %.c | $(BUILD)/gen/asm-offsets.h
	$(call say,CC,$<)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(call compile,$(CC) $(KCFLAGS))

$(BUILD)/%.o: %.S | $(BUILD)/gen/asm-offsets.h
	$(call say,AS,$<)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(call compile,$(CC) $(KASFLAGS))

# Structure offsets for assembly, generated from C.
$(BUILD)/gen/asm-offsets.h: arch/ppc64/asm-offsets.c $(wildcard include/vrm/*.h arch/ppc64/include/arch/*.h)
	$(call say,GEN,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(KCFLAGS) -S $< -o $@.s.tmp
	$(Q)sed -n 's/.*@@OFFSET \([A-Z0-9_]*\) [$$#]*\(-*[0-9]*\).*/#define \1 \2/p' \
		$@.s.tmp > $@.tmp && rm -f $@.s.tmp && mv -f $@.tmp $@

# The linker scripts take their addresses from arch/memlayout.h, the one
# statement of the address map.
LDS_CPP = $(CC) -E -P -undef -x assembler-with-cpp -D__ASSEMBLY__ -Iarch/ppc64/include
$(BUILD)/gen/kernel.lds: arch/ppc64/kernel.lds.S
$(BUILD)/gen/user.lds: user/user.lds.S
$(BUILD)/gen/kernel.lds $(BUILD)/gen/user.lds: arch/ppc64/include/arch/memlayout.h
	$(call say,LDS,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(LDS_CPP) $(filter %.lds.S,$^) -o $@.tmp && mv -f $@.tmp $@

# The kernel links twice: the first pass yields the symbol table that the
# second embeds, so backtraces are symbolised from the image itself. The
# table is placed after everything else, so no address moves between passes.
KLINK = $(LD) -nostdlib -static -z noexecstack -z max-page-size=0x10000 \
	--no-dynamic-linker --no-warn-rwx-segments -T $(BUILD)/gen/kernel.lds --build-id=none
$(BUILD)/syms-empty.o: tools/mksyms.py
	$(Q)mkdir -p $(dir $@)
	$(Q)$(PYTHON) tools/mksyms.py < /dev/null > $(BUILD)/syms-empty.S.tmp
	$(Q)mv -f $(BUILD)/syms-empty.S.tmp $(BUILD)/syms-empty.S
	$(Q)$(CC) $(KASFLAGS) -c $(BUILD)/syms-empty.S -o $@.tmp && mv -f $@.tmp $@

$(KERNEL): $(KOBJS) $(FDT_LIB) $(BUILD)/syms-empty.o $(BUILD)/gen/kernel.lds tools/mksyms.py tools/check-image.sh \
		tools/layercheck.py tools/layercheck.allow
	$(call say,LD,$@)
	$(Q)$(KLINK) -o $@.pass1 $(KOBJS) $(FDT_LIB) $(BUILD)/syms-empty.o
	$(Q)$(NM) -n --defined-only $@.pass1 | $(PYTHON) tools/mksyms.py > $(BUILD)/syms.S.tmp
	$(Q)mv -f $(BUILD)/syms.S.tmp $(BUILD)/syms.S
	$(Q)$(CC) $(KASFLAGS) -c $(BUILD)/syms.S -o $(BUILD)/syms.o.tmp
	$(Q)mv -f $(BUILD)/syms.o.tmp $(BUILD)/syms.o
	$(Q)$(KLINK) -Map=$(BUILD)/vrm.map.tmp -o $@.tmp $(KOBJS) $(FDT_LIB) $(BUILD)/syms.o
	$(Q)sh tools/check-image.sh $@.tmp $(CROSS_COMPILE) $(KOBJS)
	$(Q)$(LAYERCHECK)
	$(Q)mv -f $(BUILD)/vrm.map.tmp $(BUILD)/vrm.map && mv -f $@.tmp $@

# The layering check (docs/layout.md): each object references only the
# layers its folder may use, and the upcalls of tools/layercheck.allow.
# Every link of the kernel runs it; make layercheck runs it alone.
LAYERCHECK = $(PYTHON) tools/layercheck.py --nm $(NM) --build $(BUILD) \
	--lds $(BUILD)/gen/kernel.lds --libfdt $(FDT_LIB) $(KOBJS) $(BUILD)/syms.o

.PHONY: layercheck
layercheck: $(KERNEL)
	$(Q)$(LAYERCHECK)

-include $(KOBJS:.o=.d)
include user/Makefile.inc
include test/host/Makefile.inc
include bench/Makefile.inc

RUN_ARGS = --firmware $(FIRMWARE) --smp $(SMP) --mem $(MEM) --boot $(BOOT) \
	--maxcpus $(MAXCPUS) --maxmem $(MAXMEM)

run: $(KERNEL) $(BUILD)/initramfs.cpio
	$(Q)$(PYTHON) tools/vrm_qemu.py $(RUN_ARGS) --kernel $(KERNEL) --build $(BUILD) $(if $(filter kernel,$(BOOT)),--initrd $(BUILD)/initramfs.cpio)

debug: $(KERNEL) $(BUILD)/initramfs.cpio
	$(Q)$(PYTHON) tools/vrm_qemu.py $(RUN_ARGS) --kernel $(KERNEL) --build $(BUILD) $(if $(filter kernel,$(BOOT)),--initrd $(BUILD)/initramfs.cpio) --gdb

# The compilation database for clangd and similar tools, from a dry run of
# this Makefile's own rules: every object it builds, with its real flags.
.PHONY: compile_commands.json
compile_commands.json:
	$(Q)$(MAKE) --no-print-directory -Bn V=1 all $(HOST_TESTS) $(BENCH_LINUX) | \
		$(PYTHON) tools/compdb.py --cc $(CC) --cc $(HOSTCC) -o $@

# Host-side self-tests: the runner, tools/dlpar, the benchmark harness, the
# build from a fresh machine and an interrupted one, tools/deps.sh, the
# layering check.
HOST_SELFTESTS := test/runner_selftest.py test/dlpar_selftest.py \
	test/bench_selftest.py test/build_selftest.py test/deps_selftest.py \
	test/layercheck_selftest.py

test: $(KERNEL) $(BUILD)/initramfs.cpio $(HOST_TESTS)
	$(Q)$(PYTHON) test/run --build $(BUILD) --kernel $(KERNEL) --host-tests "$(HOST_TESTS) $(HOST_SELFTESTS)" --jobs $(JOBS) $(if $(SUITE),--suite $(SUITE)) $(if $(KEEP_LOGS),--keep-logs)

clean:
	rm -rf $(BUILD)/*.o $(BUILD)/*.elf* $(BUILD)/*.tmp $(BUILD)/vrm.map $(BUILD)/gen \
		$(BUILD)/boot $(BUILD)/arch $(BUILD)/base $(BUILD)/mm $(BUILD)/kernel $(BUILD)/drivers \
		$(BUILD)/lib $(BUILD)/test $(BUILD)/host $(BUILD)/test-logs $(BUILD)/*.S \
		$(BUILD)/*.img $(BUILD)/bench/linux $(BUILD)/bench/logs $(BUILD)/bench/*.cpio \
		$(BUILD)/bench/*.raw $(BUILD)/bench.json
