# SPDX-License-Identifier: MIT
# Builds the raw disk image that SLOF boots vrm from without -kernel: an MBR
# with an active PReP boot partition holding a SLOF-ready copy of the kernel
# ELF, and an empty Linux-type partition reserved for the ext2 file system.
#
# Why the kernel is rewritten rather than copied (docs/disk-boot.md has the
# details and the SLOF source pointers):
#  - SLOF reads the whole PReP partition to its load-base (0x4000) and then
#    loads each PT_LOAD at p_paddr, but it refuses any segment whose p_vaddr
#    differs from p_paddr. vrm links at 0xc000000000400000 with p_paddr
#    0x400000, so the copy gets p_vaddr = p_paddr and e_entry translated to
#    the physical address of the same instruction.
#  - SLOF jumps to e_entry as a code address only when e_flags says ELFv2;
#    otherwise it treats e_entry as an ELFv1 function descriptor.
#  - SLOF reads every byte of the partition, so section headers and debug
#    information are dropped: only the loadable bytes are kept.
#  - SLOF scans one program header past e_phnum; the copy ends its header
#    table with an all-zero (PT_NULL) entry so that read is harmless.

import argparse
import os
import shlex
import struct
import sys

SECTOR = 512

# SLOF on QEMU reads the boot partition to this address (board-qemu OF.fs
# sets default-load-base to 0x4000) before it copies segments to p_paddr.
SLOF_LOAD_BASE = 0x4000

# Partition 1 (PReP) starts at 1 MiB, the usual alignment, and is sized to
# the boot image rounded up to PREP_ROUND: SLOF reads every sector of it
# (0.2 to 0.3 s per MiB under TCG), so a tight partition boots faster. Its
# upper bound keeps the buffer SLOF reads it into, [0x4000, 0x4000 + size),
# below 0x400000 where vrm's segments are copied, so loading never
# overwrites bytes it has still to copy.
PREP_START_LBA = 2048
PREP_MAX_BYTES = 0x400000 - SLOF_LOAD_BASE      # 4080 KiB
PREP_ROUND = 64 * 1024

# Partition 2 (for the ext2 file system of the storage work) starts at 5 MiB,
# past the largest possible PReP partition, so its place never depends on
# the kernel's size, and runs to the end of the disk. It is created now,
# zero-filled: SLOF boots only from an active partition of type 0x41, so an
# inactive entry of type 0x83 is never looked at during boot.
DATA_START_LBA = 5 * 1024 * 1024 // SECTOR

MBR_TYPE_PREP = 0x41
MBR_TYPE_LINUX = 0x83
MBR_ACTIVE = 0x80            # SLOF requires it on the PReP partition
DISK_SIGNATURE = b"vrm\0"     # any fixed value, for reproducible images

DEFAULT_SIZE_MIB = 64

# ELF constants (only what is checked or rewritten here).
EM_PPC64 = 21
ET_EXEC, ET_DYN = 2, 3
PT_LOAD = 1
EF_PPC64_ABI_MASK = 3
EHDR_LEN = 64
PHDR_LEN = 56
SEG_ALIGN = 0x1000

EHDR_FMT = "<16sHHIQQQIHHHHHH"
PHDR_FMT = "<IIQQQQQQ"


class DiskError(Exception):
    """A problem with the input that the user has to fix."""


def slof_boot_image(elf):
    """Returns (image, lowest_paddr): the bytes SLOF should find in the PReP
    partition for the kernel ELF `elf` -- the same loadable bytes at the same
    physical addresses, in the form SLOF's loader accepts (see the header
    comment) -- and the lowest physical address they load at."""
    if len(elf) < EHDR_LEN or elf[:4] != b"\x7fELF":
        raise DiskError("not an ELF file")
    if elf[4] != 2 or elf[5] != 1:
        raise DiskError("not a 64-bit little-endian ELF (vrm is ELF64 LE)")
    (ident, e_type, e_machine, e_version, e_entry, e_phoff, _shoff, e_flags,
     _ehsize, e_phentsize, e_phnum, _shentsize, _shnum,
     _shstrndx) = struct.unpack_from(EHDR_FMT, elf)
    if e_machine != EM_PPC64:
        raise DiskError(f"ELF machine {e_machine} is not PowerPC64 ({EM_PPC64})")
    if e_type not in (ET_EXEC, ET_DYN):
        raise DiskError("ELF is neither an executable nor a shared object")
    if e_phentsize != PHDR_LEN or e_phoff + e_phnum * PHDR_LEN > len(elf):
        raise DiskError("ELF program header table is malformed")

    loads = []
    for i in range(e_phnum):
        (p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz,
         _align) = struct.unpack_from(PHDR_FMT, elf, e_phoff + i * PHDR_LEN)
        if p_type != PT_LOAD or p_memsz == 0:
            continue
        if p_filesz > p_memsz or p_offset + p_filesz > len(elf):
            raise DiskError(f"ELF segment {i} lies outside the file")
        loads.append((p_paddr, p_vaddr, p_memsz, p_flags,
                      elf[p_offset:p_offset + p_filesz]))
    if not loads:
        raise DiskError("ELF has no loadable segment")

    # SLOF claims each segment's memory; a second claim of the same bytes
    # fails at boot with "Memory for ELF file is already in use".
    loads.sort()
    for (pa, _v, size, _f, _d), (pb, _v2, _s2, _f2, _d2) in zip(loads, loads[1:]):
        if pa + size > pb:
            raise DiskError(f"ELF segments at physical {pa:#x} and {pb:#x} overlap")

    # e_entry is virtual; SLOF branches to it with translation off, so it
    # has to become the physical address of the same instruction.
    entry = None
    for paddr, vaddr, memsz, _f, _d in loads:
        if vaddr <= e_entry < vaddr + memsz:
            entry = e_entry - vaddr + paddr
    if entry is None:
        raise DiskError(f"ELF entry {e_entry:#x} is in no loadable segment")

    # The header table is followed by one spare, zeroed entry for SLOF's
    # off-by-one scan.
    phnum = len(loads)
    data_off = -(-(EHDR_LEN + (phnum + 1) * PHDR_LEN) // SEG_ALIGN) * SEG_ALIGN
    phdrs = b""
    body = b""
    off = data_off
    for paddr, _vaddr, memsz, flags, data in loads:
        phdrs += struct.pack(PHDR_FMT, PT_LOAD, flags, off, paddr, paddr,
                             len(data), memsz, SEG_ALIGN)
        pad = -len(data) % SEG_ALIGN
        body += data + bytes(pad)
        off += len(data) + pad
    phdrs += bytes(PHDR_LEN)

    # No section headers: nothing after the loadable bytes is needed.
    flags = (e_flags & ~EF_PPC64_ABI_MASK) | 2
    ehdr = struct.pack(EHDR_FMT, ident, e_type, e_machine, e_version, entry,
                       EHDR_LEN, 0, flags, EHDR_LEN, PHDR_LEN, phnum,
                       0, 0, 0)
    head = ehdr + phdrs
    return head + bytes(data_off - len(head)) + body, loads[0][0]


def _mbr_entry(active, ptype, start_lba, sectors):
    # CHS fields hold the "use LBA" marker; SLOF and Linux read only LBA.
    chs = b"\xfe\xff\xff"
    return (struct.pack("<B", active) + chs + struct.pack("<B", ptype) + chs
            + struct.pack("<II", start_lba, sectors))


def make_prep_disk(kernel_path, out_path, size_mib=DEFAULT_SIZE_MIB):
    """Writes a raw disk image of size_mib MiB to out_path:
      MBR (disk signature DISK_SIGNATURE, boot signature 0x55aa),
      partition 1 = active PReP boot partition (type 0x41) at LBA
        PREP_START_LBA, holding slof_boot_image(kernel), sized to it rounded
        up to PREP_ROUND (at most PREP_MAX_BYTES),
      partition 2 = type 0x83 from LBA DATA_START_LBA to the end of the
        disk, zero-filled (sparse).
    Returns the size of partition 1 in bytes. Raises DiskError on bad input
    (missing or non-ELF kernel, kernel too large, disk too small)."""
    try:
        with open(kernel_path, "rb") as f:
            elf = f.read()
    except OSError as e:
        raise DiskError(f"kernel {kernel_path}: {e.strerror}")
    try:
        image, lowest = slof_boot_image(elf)
    except DiskError as e:
        raise DiskError(f"kernel {kernel_path}: {e}")

    if len(image) > PREP_MAX_BYTES:
        raise DiskError(
            f"kernel {kernel_path}: its boot image is {len(image)} bytes, "
            f"larger than the PReP partition can be ({PREP_MAX_BYTES} bytes)")
    prep_bytes = min(-(-len(image) // PREP_ROUND) * PREP_ROUND, PREP_MAX_BYTES)
    # SLOF would overwrite the partition copy it is loading from.
    if lowest < SLOF_LOAD_BASE + prep_bytes:
        raise DiskError(
            f"kernel {kernel_path}: loads at physical {lowest:#x}, inside "
            f"SLOF's load buffer [{SLOF_LOAD_BASE:#x}, "
            f"{SLOF_LOAD_BASE + prep_bytes:#x}); link it with "
            "p_paddr >= 0x400000")

    total = size_mib * 1024 * 1024 // SECTOR
    if total <= DATA_START_LBA:
        raise DiskError(f"a disk of {size_mib} MiB leaves no room for "
                        f"partition 2, which starts at "
                        f"{DATA_START_LBA * SECTOR >> 20} MiB")
    if total > 0xffffffff:
        raise DiskError(f"a disk of {size_mib} MiB is too large for an MBR")

    mbr = bytearray(SECTOR)
    mbr[440:444] = DISK_SIGNATURE
    mbr[446:462] = _mbr_entry(MBR_ACTIVE, MBR_TYPE_PREP, PREP_START_LBA,
                              prep_bytes // SECTOR)
    mbr[462:478] = _mbr_entry(0, MBR_TYPE_LINUX, DATA_START_LBA,
                              total - DATA_START_LBA)
    mbr[510:512] = b"\x55\xaa"

    # Written to a temporary name and renamed, so a QEMU started on the old
    # image never sees a half-written one. truncate() keeps the file sparse.
    out_path = os.fspath(out_path)
    tmp = out_path + ".tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(mbr)
            f.seek(PREP_START_LBA * SECTOR)
            f.write(image)
            f.truncate(total * SECTOR)
        os.replace(tmp, out_path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise DiskError(f"{out_path}: {e.strerror}")
    return prep_bytes


def disk_qemu_args(image_path):
    """QEMU arguments that attach image_path as a modern-only virtio-blk PCI
    device with TCE DMA on the spapr PHB, first in the boot order. SLOF
    20220719 drives such a device (virtio 1.0, VIRTIO_F_IOMMU_PLATFORM
    via its dma-map-in) and boots it; bootindex puts it in /chosen
    qemu,boot-list so the choice does not depend on NVRAM or aliases."""
    # QEMU option values escape a comma by doubling it.
    path = os.fspath(image_path).replace(",", ",,")
    return [
        "-drive", f"if=none,id=vrmdisk,format=raw,file={path}",
        "-device", "virtio-blk-pci,drive=vrmdisk,disable-legacy=on,"
                   "iommu_platform=on,bootindex=1",
    ]


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Build a disk image that SLOF boots vrm from "
                    "(PReP boot partition + data partition).")
    ap.add_argument("--kernel", required=True, help="kernel ELF (build/vrm.elf)")
    ap.add_argument("--out", required=True, help="disk image to write")
    ap.add_argument("--size-mib", type=int, default=DEFAULT_SIZE_MIB,
                    help=f"disk size in MiB (default {DEFAULT_SIZE_MIB})")
    ap.add_argument("--print-args", action="store_true",
                    help="print the QEMU arguments that attach the disk")
    args = ap.parse_args(argv)
    try:
        make_prep_disk(args.kernel, args.out, args.size_mib)
    except DiskError as e:
        print(f"mkdisk: {e}", file=sys.stderr)
        return 1
    if args.print_args:
        print(shlex.join(disk_qemu_args(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
