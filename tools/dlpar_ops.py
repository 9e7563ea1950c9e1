# SPDX-License-Identifier: MIT
# DLPAR from the host: the QMP operations that add and remove CPU cores and
# memory of a running pseries machine, for tools/dlpar and the test runner.
"""Hot-plug operations over QMP (docs/dlpar.md).

    with qmp.QMPClient("build/qmp.sock") as client:
        for line in perform(client, "cpu-add", ["2"]):
            print(line)

Every operation names the devices it adds after itself and a number one
above the highest of their kind present (dlpar-cpu3, dlpar-dimm2 with its
backend dlpar-mem2), so the machine itself remembers what was added and in
which order: a removal takes the highest numbers first, whichever process
added them, and never touches the boot cores or DIMMs given on QEMU's
command line.

What "finished" means: an add is finished when QEMU has answered
device_add (the guest's acquiring the resource is the kernel's business).
A removal is finished when QEMU reports the device gone (DEVICE_DELETED),
which it does once the guest has released it; the guest may instead
decline (DEVICE_UNPLUG_GUEST_ERROR, and for memory MEM_UNPLUG_ERROR), or
say nothing, in which case the unplug stays pending in QEMU after the
timeout.

Each operation returns lines saying what it did, or raises DlparError with
a status: FAILED (the request refused before anything was done, or a
step refused by QEMU; an operation on several devices stops at the first
failure, and says how many were done), DECLINED or TIMEOUT. qmp.QMPError from a query and ConnectionError (QEMU
gone) pass through.
"""

import re
import time

import qmp

# Statuses, as @@done answers them and tools/dlpar exits with them.
OK, FAILED, DECLINED, TIMEOUT = 0, 1, 2, 3

LMB_MIB = 256               # the unit of PAPR memory: a DIMM is whole LMBs
UNPLUG_TIMEOUT = 30.0       # seconds a guest may take to release a device
WAIT_SLICE = 0.25           # how often a long wait asks whether to stop

CPU_PREFIX = "dlpar-cpu"
DIMM_PREFIX = "dlpar-dimm"
MEM_PREFIX = "dlpar-mem"
PERIPHERAL = "/machine/peripheral/"
# The events that end an unplug: done, or declined by the guest.
UNPLUG_ENDS = ("DEVICE_DELETED", "DEVICE_UNPLUG_GUEST_ERROR",
               "MEM_UNPLUG_ERROR")


class DlparError(RuntimeError):
    """An operation that did not finish as asked; .status says how."""

    def __init__(self, status, message, done=()):
        super().__init__(message)
        self.status = status
        self.done = list(done)      # lines of what was done before


def number(name, prefix):
    """The number of one of our device ids, or None for any other name."""
    m = re.fullmatch(re.escape(prefix) + r"(\d+)", name or "")
    return int(m.group(1)) if m else None


def next_number(prefix, names):
    """A number above those of every id in `names` that has `prefix`."""
    return 1 + max([n for n in (number(x, prefix) for x in names)
                    if n is not None], default=0)


def peripheral_id(path):
    """The id in a QOM path /machine/peripheral/<id>[/...], or None."""
    return path[len(PERIPHERAL):] if path.startswith(PERIPHERAL) else None


def event_device(event):
    """The device (and below it, after a "/", its parts) an event is about."""
    data = event.get("data") or {}
    return data.get("device") or peripheral_id(data.get("path", "")) or ""


def count_arg(op, args, unit):
    """The one positive whole-number argument of an operation."""
    if len(args) != 1 or not args[0].isdigit() or int(args[0]) < 1:
        raise DlparError(FAILED, f"{op} takes one number of {unit}, 1 or more")
    return int(args[0])


def mib_arg(op, args):
    mib = count_arg(op, args, "MiB")
    if mib % LMB_MIB:
        raise DlparError(FAILED, f"{op} {mib}: memory comes in whole LMBs, "
                         f"a multiple of {LMB_MIB} MiB")
    return mib


# ---- CPUs ------------------------------------------------------------------

def core_slots(client):
    """query-hotpluggable-cpus, by core-id."""
    slots = client.execute("query-hotpluggable-cpus")
    return sorted(slots, key=lambda s: s["props"].get("core-id", 0))


def our_cores(slots):
    """The cores we added, most recent first: (id, slot)."""
    ours = []
    for s in slots:
        dev = peripheral_id(s.get("qom-path", ""))
        if number(dev, CPU_PREFIX) is not None:
            ours.append((dev, s))
    return sorted(ours, key=lambda o: number(o[0], CPU_PREFIX), reverse=True)


def cpu_add(client, args, timeout, cancelled):
    """Add cores at the lowest free core-ids; each brings the threads QEMU
    gives a core (vcpus-count)."""
    want = count_arg("cpu-add", args, "cores")
    slots = core_slots(client)
    free = [s for s in slots if "qom-path" not in s]
    if len(free) < want:
        raise DlparError(FAILED, f"cpu-add {want}: {len(free)} of "
                         f"{len(slots)} core slots are free (maxcpus)")
    seq = next_number(CPU_PREFIX, [peripheral_id(s.get("qom-path", ""))
                                   for s in slots])
    done = []
    for i, slot in enumerate(free[:want]):
        dev = f"{CPU_PREFIX}{seq + i}"
        core = slot["props"].get("core-id")
        try:
            client.execute("device_add", driver=slot["type"], id=dev,
                           **slot["props"])
        except qmp.QMPError as e:
            raise DlparError(FAILED, f"cpu-add {want}: {len(done)} added; "
                             f"device_add of core {core}: {e.desc}",
                             done) from e
        done.append(f"added core {core} as {dev} "
                    f"({slot.get('vcpus-count', 1)} thread(s))")
    return done


def cpu_remove(client, args, timeout, cancelled):
    """Remove the cores we added, most recent first."""
    want = count_arg("cpu-remove", args, "cores")
    ours = our_cores(core_slots(client))
    if len(ours) < want:
        raise DlparError(FAILED, f"cpu-remove {want}: cores that cpu-add "
                         f"added and are still there: {len(ours)}")
    done = []
    for dev, slot in ours[:want]:
        unplug(client, dev, timeout, cancelled, done,
               f"cpu-remove {want}: {len(done)} removed; {dev}")
        done.append(f"removed {dev} (core {slot['props'].get('core-id')})")
    return done


# ---- memory ----------------------------------------------------------------

def dimms(client):
    """query-memory-devices: the DIMMs' data (id, memdev, size, addr)."""
    return [d["data"] for d in client.execute("query-memory-devices")
            if d.get("type") == "dimm"]


def our_backends(client):
    """The names of the memory backends we made (under /objects)."""
    return [o["name"] for o in client.execute("qom-list", path="/objects")
            if number(o["name"], MEM_PREFIX) is not None]


def drop_orphans(client, devices):
    """Delete our backends that no DIMM uses: a removal that completed after
    its wait had ended (late, or at a reset) leaves its backend behind."""
    used = {d.get("memdev", "").rsplit("/", 1)[-1] for d in devices}
    for name in our_backends(client):
        if name not in used:
            client.execute("object-del", id=name)


def mem_add(client, args, timeout, cancelled):
    """Add one DIMM of the size asked, on a memory-backend-ram of its own."""
    mib = mib_arg("mem-add", args)
    devices = dimms(client)
    drop_orphans(client, devices)
    seq = next_number(DIMM_PREFIX, [d.get("id") for d in devices])
    mem, dev = f"{MEM_PREFIX}{seq}", f"{DIMM_PREFIX}{seq}"
    try:
        client.execute("object-add", **{"qom-type": "memory-backend-ram",
                                        "id": mem, "size": mib << 20})
    except qmp.QMPError as e:
        raise DlparError(FAILED, f"mem-add {mib}: object-add: {e.desc}") from e
    try:
        client.execute("device_add", driver="pc-dimm", id=dev, memdev=mem)
    except qmp.QMPError as e:
        client.execute("object-del", id=mem)
        raise DlparError(FAILED, f"mem-add {mib}: device_add: {e.desc}") from e
    addr = [d.get("addr", 0) for d in dimms(client) if d.get("id") == dev]
    return [f"added {dev}: {mib} MiB at {addr[0]:#x}" if addr
            else f"added {dev}: {mib} MiB"]


def mem_remove(client, args, timeout, cancelled):
    """Remove the DIMMs we added, most recent first, that make up exactly
    the size asked."""
    mib = mib_arg("mem-remove", args)
    devices = dimms(client)
    drop_orphans(client, devices)
    ours = sorted((d for d in devices
                   if number(d.get("id"), DIMM_PREFIX) is not None),
                  key=lambda d: number(d["id"], DIMM_PREFIX), reverse=True)
    chosen, total = [], 0
    for d in ours:
        if total >= mib:
            break
        chosen.append(d)
        total += d["size"] >> 20
    if total != mib:
        sizes = " ".join(str(d["size"] >> 20) for d in ours) or "none"
        raise DlparError(FAILED, f"mem-remove {mib}: the DIMMs that mem-add "
                         f"added are, most recent first, {sizes} MiB: no "
                         f"run of them from the most recent makes {mib} MiB")
    done = []
    for d in chosen:
        dev = d["id"]
        unplug(client, dev, timeout, cancelled, done,
               f"mem-remove {mib}: {len(done)} DIMMs removed; {dev}")
        client.execute("object-del", id=d["memdev"].rsplit("/", 1)[-1])
        done.append(f"removed {dev}: {d['size'] >> 20} MiB at "
                    f"{d.get('addr', 0):#x}")
    return done


# ---- removal ---------------------------------------------------------------

def unplug(client, dev, timeout, cancelled, done, what):
    """device_del `dev` and wait until QEMU says how it ended; raises
    DlparError (its message starting with `what`, after `done`) unless
    the device is gone."""
    about = lambda e: event_device(e).split("/")[0] == dev
    client.discard(about)       # stale news of an earlier attempt
    try:
        client.execute("device_del", id=dev)
    except qmp.QMPError as e:
        raise DlparError(FAILED, f"{what}: device_del: {e.desc}",
                         done) from e
    ended = lambda e: e.get("event") in UNPLUG_ENDS and event_device(e) == dev
    deadline = time.monotonic() + timeout
    while True:
        left = min(deadline - time.monotonic(), WAIT_SLICE)
        try:
            event = client.wait_for(ended, max(left, 0.0),
                                    f"end of the unplug of {dev}")
            break
        except TimeoutError:
            if left < WAIT_SLICE or (cancelled and cancelled()):
                raise DlparError(TIMEOUT, f"{what}: no DEVICE_DELETED within "
                                 f"{timeout:g} s; the unplug stays pending in "
                                 "QEMU until the guest releases it or the "
                                 "machine resets", done) from None
    client.discard(about)       # the parts' DEVICE_DELETED (threads, ...)
    if event["event"] != "DEVICE_DELETED":
        raise DlparError(DECLINED, f"{what}: the guest declined the removal "
                         f"({event['event']}); the device stays and QEMU "
                         "has no unplug pending", done)


# ---- the machine as it is --------------------------------------------------

def machine_size(client):
    """(vCPUs, MiB of memory) of the machine now: what the kernel's banner
    must say at its next boot."""
    cpus = len(client.execute("query-cpus-fast"))
    size = client.execute("query-memory-size-summary")
    return cpus, (size["base-memory"] + size.get("plugged-memory", 0)) >> 20


def status(client, args, timeout, cancelled):
    """The core slots and the DIMMs, one line each, then the totals."""
    if args:
        raise DlparError(FAILED, "status takes no argument")
    lines = []
    for s in core_slots(client):
        path = s.get("qom-path")
        owner = (peripheral_id(path) or "boot") if path else "free"
        lines.append(f"core {s['props'].get('core-id')}: {owner} "
                     f"({s['type']}, {s.get('vcpus-count', 1)} thread(s))")
    for d in dimms(client):
        lines.append(f"dimm {d.get('id') or '(no id)'}: {d['size'] >> 20} "
                     f"MiB at {d.get('addr', 0):#x}")
    cpus, mib = machine_size(client)
    lines.append(f"total: {cpus} vCPUs, {mib} MiB")
    return lines


# name -> function(client, args, timeout, cancelled); status changes nothing.
OPERATIONS = {"cpu-add": cpu_add, "cpu-remove": cpu_remove,
              "mem-add": mem_add, "mem-remove": mem_remove, "status": status}
CHANGES = ("cpu-add", "cpu-remove", "mem-add", "mem-remove")


def perform(client, op, args, timeout=UNPLUG_TIMEOUT, cancelled=None):
    """Run operation `op` with its word arguments on the machine behind
    `client`; `cancelled()` true ends a wait early (as a TIMEOUT). Returns
    the lines saying what was done; raises DlparError."""
    if op not in OPERATIONS:
        raise DlparError(FAILED, f"unknown operation {op!r}")
    return OPERATIONS[op](client, list(args), timeout, cancelled)
