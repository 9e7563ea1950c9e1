# SPDX-License-Identifier: MIT
# vrm: one non-recursive Makefile. Each folder adds its objects in its
# Makefile.inc; everything is built under build/.

VERSION       := 0.1.0
CROSS_COMPILE ?= powerpc64le-linux-gnu-
BUILD         ?= build
FIRMWARE      ?= slof
SMP           ?= 1
MEM           ?= 1G
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

FDT_DIR := $(BUILD)/libfdt/usr
FDT_LIB := $(FDT_DIR)/lib/powerpc64le-linux-gnu/libfdt.a

ifeq ($(V),1)
Q :=
say :=
else
Q := @
say = @printf '  %-7s %s\n' $(1) $(2);
endif

# Kernel code and Debian's libfdt share one stack-protector layout: the
# canary lives at r13 - 0x7010, in the per-CPU area (ARCHITECTURE.md, 4).
KCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-ffreestanding -fno-builtin -nostdinc -fno-common -fno-pie \
	-mcpu=power9 -mlittle-endian -mabi=elfv2 -mcmodel=medium \
	-msoft-float -mno-altivec -mno-vsx -mno-string \
	-fstack-protector-strong -mstack-protector-guard=tls \
	-mstack-protector-guard-reg=r13 -mstack-protector-guard-offset=-0x7010 \
	-isystem $(shell $(CC) -print-file-name=include 2>/dev/null) \
	-Iinclude -Iinclude/libc -Iarch/ppc64/include -I$(BUILD)/gen \
	-I$(FDT_DIR)/include -DVRM_VERSION='"$(VERSION)"'
KASFLAGS := $(filter-out -std=gnu11,$(KCFLAGS)) -D__ASSEMBLY__ -Wa,-mregnames

obj-y :=
include boot/Makefile.inc
include arch/ppc64/Makefile.inc
include mm/Makefile.inc
include kernel/Makefile.inc
include drivers/Makefile.inc
include lib/Makefile.inc
include test/kernel/Makefile.inc

KOBJS := $(addprefix $(BUILD)/,$(obj-y))
KERNEL := $(BUILD)/vrm.elf

.PHONY: all deps run test debug clean bench
all: $(KERNEL) $(BUILD)/initramfs.cpio

# Installs what is missing; a no-op when everything is present.
deps:
	$(Q)sh tools/deps.sh

$(FDT_LIB): | deps

$(BUILD)/%.o: %.c | deps $(BUILD)/gen/asm-offsets.h
	$(call say,CC,$<)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/%.o: %.S | deps $(BUILD)/gen/asm-offsets.h
	$(call say,AS,$<)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(KASFLAGS) -MMD -MP -c $< -o $@

# Structure offsets for assembly, generated from C.
$(BUILD)/gen/asm-offsets.h: arch/ppc64/asm-offsets.c $(wildcard include/vrm/*.h arch/ppc64/include/arch/*.h) | deps
	$(call say,GEN,$@)
	$(Q)mkdir -p $(dir $@) && touch $@
	$(Q)$(CC) $(KCFLAGS) -S $< -o $(BUILD)/gen/asm-offsets.s
	$(Q)sed -n 's/.*@@OFFSET \([A-Z0-9_]*\) [$$#]*\(-*[0-9]*\).*/#define \1 \2/p' \
		$(BUILD)/gen/asm-offsets.s > $@.tmp && mv $@.tmp $@

# The kernel links twice: the first pass yields the symbol table that the
# second embeds, so backtraces are symbolised from the image itself. The
# table is placed after everything else, so no address moves between passes.
KLINK = $(LD) -nostdlib -static -z noexecstack -z max-page-size=0x10000 \
	--no-dynamic-linker --no-warn-rwx-segments -T arch/ppc64/kernel.lds --build-id=none
$(BUILD)/syms-empty.o: tools/mksyms.py | deps
	$(Q)$(PYTHON) tools/mksyms.py < /dev/null > $(BUILD)/syms-empty.S
	$(Q)$(CC) $(KASFLAGS) -c $(BUILD)/syms-empty.S -o $@

$(KERNEL): $(KOBJS) $(FDT_LIB) $(BUILD)/syms-empty.o arch/ppc64/kernel.lds tools/mksyms.py tools/check-image.sh
	$(call say,LD,$@)
	$(Q)$(KLINK) -o $@.pass1 $(KOBJS) $(FDT_LIB) $(BUILD)/syms-empty.o
	$(Q)$(NM) -n --defined-only $@.pass1 | $(PYTHON) tools/mksyms.py > $(BUILD)/syms.S
	$(Q)$(CC) $(KASFLAGS) -c $(BUILD)/syms.S -o $(BUILD)/syms.o
	$(Q)$(KLINK) -Map=$(BUILD)/vrm.map -o $@ $(KOBJS) $(FDT_LIB) $(BUILD)/syms.o
	$(Q)sh tools/check-image.sh $@ $(CROSS_COMPILE)

-include $(KOBJS:.o=.d)
include user/Makefile.inc
include test/host/Makefile.inc
include bench/Makefile.inc

RUN_ARGS = --firmware $(FIRMWARE) --smp $(SMP) --mem $(MEM) --boot $(BOOT)

run: $(KERNEL) $(BUILD)/initramfs.cpio
	$(Q)$(PYTHON) tools/vrm_qemu.py $(RUN_ARGS) --kernel $(KERNEL) --build $(BUILD) $(if $(filter kernel,$(BOOT)),--initrd $(BUILD)/initramfs.cpio)

debug: $(KERNEL) $(BUILD)/initramfs.cpio
	$(Q)$(PYTHON) tools/vrm_qemu.py $(RUN_ARGS) --kernel $(KERNEL) --build $(BUILD) $(if $(filter kernel,$(BOOT)),--initrd $(BUILD)/initramfs.cpio) --gdb

test: $(KERNEL) $(BUILD)/initramfs.cpio $(HOST_TESTS)
	$(Q)$(PYTHON) test/run --build $(BUILD) --kernel $(KERNEL) --host-tests "$(HOST_TESTS) test/runner_selftest.py test/bench_selftest.py" $(if $(SUITE),--suite $(SUITE)) $(if $(KEEP_LOGS),--keep-logs)

clean:
	rm -rf $(BUILD)/*.o $(BUILD)/*.elf* $(BUILD)/gen $(BUILD)/boot $(BUILD)/arch \
		$(BUILD)/kernel $(BUILD)/drivers $(BUILD)/lib $(BUILD)/test $(BUILD)/host \
		$(BUILD)/test-logs $(BUILD)/*.S $(BUILD)/*.img \
		$(BUILD)/bench/linux $(BUILD)/bench/logs $(BUILD)/bench/*.cpio \
		$(BUILD)/bench/*.raw $(BUILD)/bench.json
