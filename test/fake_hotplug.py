# SPDX-License-Identifier: MIT
# The fake QEMU's hot-plug side for the host self-tests: CPU core slots,
# memory backends and DIMMs over QMP, with QEMU 7.2's answers and faults.
"""A model of QEMU 7.2 pseries hot-plug, as QMP shows it (docs/dlpar.md).

The commands and their errors are those measured on qemu-system-ppc64
7.2: query-hotpluggable-cpus (slots listed from the highest core-id
down), device_add and device_del of spapr CPU cores and pc-dimms,
object-add and object-del of memory-backend-ram, qom-list /objects,
query-memory-devices, query-memory-size-summary, query-cpus-fast, and
system_reset completing the unplugs still pending.

What the guest does with an unplug request is set by `guest` (the fake
kernel's scenarios set it, tools/dlpar's self-test with the fake command
x-fake-guest): "release" (DEVICE_DELETED comes a moment after device_del,
a core's parts first), "decline" (DEVICE_UNPLUG_GUEST_ERROR, and for
memory MEM_UNPLUG_ERROR before it; the device stays), "ignore" (nothing:
the unplug stays pending). Two faults of QEMU 7.2 are played as they
happen there (docs/dlpar.md): once a core has been unplugged, QEMU
segfaults on the next pc-dimm device_add or device_del and on a machine
reset; and a hot-plug command while two unplugs are pending aborts with
glibc's heap message.
"""

import os
import re
import signal
import sys
import threading

CORE_TYPE = "power9_v2.0-spapr-cpu-core"
PERIPHERAL = "/machine/peripheral/"
RELEASE_DELAY = 0.1     # seconds from device_del to DEVICE_DELETED
GIB = 1 << 30


class FakeError(Exception):
    """A command's error: QMP's error class and description."""

    def __init__(self, desc, error_class="GenericError"):
        super().__init__(desc)
        self.error_class = error_class
        self.desc = desc


def size_bytes(text):
    m = re.fullmatch(r"(\d+)([MG]?)", text)
    return int(m.group(1)) << {"": 20, "M": 20, "G": 30}[m.group(2)]


def option_words(value):
    """QEMU's "a,b=c" option syntax: the first word and the keys."""
    first, *rest = value.split(",")
    return first, dict(w.split("=", 1) for w in rest)


class FakeHotplug:
    """The hot-plug state of one fake machine; `send(msg)` emits events."""

    def __init__(self, opts, send):
        self.send = send
        self.lock = threading.Lock()
        self.guest = "release"
        smp, smp_keys = option_words(opts.get("-smp", ["1"])[0])
        mem, mem_keys = option_words(opts.get("-m", ["512M"])[0])
        self.cpus = int(smp)
        self.maxcpus = int(smp_keys.get("maxcpus", smp))
        self.base = size_bytes(mem)
        self.slots = int(mem_keys.get("slots", 0))
        self.maxmem = size_bytes(mem_keys.get("maxmem", mem))
        # core-id -> QOM path; the boot cores have no id of their own
        self.cores = {i: f"/machine/unattached/device[{i}]"
                      for i in range(self.cpus)}
        self.backends = {}      # id -> size
        self.dimms = {}         # id -> {"memdev", "size", "addr", "slot"}
        self.pending = set()    # ids whose unplug the guest has not ended
        self.core_removed = False
        self.added, self.deleted = [], []   # ids, in order
        self.cold_plug(opts)

    def cold_plug(self, opts):
        """-object memory-backend-ram and -device pc-dimm of the command
        line, as the runner's dimm= gives them."""
        for value in opts.get("-object", []):
            _, keys = option_words(value)
            self.backends[keys["id"]] = size_bytes(keys["size"])
        for value in opts.get("-device", []):
            _, keys = option_words(value)
            self.plug_dimm(keys["id"], keys["memdev"])

    # ---- the commands ------------------------------------------------------

    def execute(self, name, args):
        """Answer one command; raise FakeError, or KeyError for a command
        this model does not know."""
        with self.lock:
            if name in ("device_add", "device_del", "object-add"):
                self.pitfall_21()
            return COMMANDS[name](self, args)

    def query_hotpluggable_cpus(self, args):
        slots = []
        for core in reversed(range(self.maxcpus)):
            slot = {"props": {"core-id": core, "node-id": 0},
                    "vcpus-count": 1, "type": CORE_TYPE}
            if core in self.cores:
                slot["qom-path"] = self.cores[core]
            slots.append(slot)
        return slots

    def query_cpus_fast(self, args):
        return [{"cpu-index": i, "props": {"core-id": core}}
                for i, core in enumerate(sorted(self.cores))]

    def query_memory_devices(self, args):
        return [{"type": "dimm", "data": {
            "id": dev, "memdev": f"/objects/{d['memdev']}", "size": d["size"],
            "addr": d["addr"], "slot": d["slot"], "node": 0,
            "hotplugged": True, "hotpluggable": True}}
            for dev, d in sorted(self.dimms.items(), key=lambda i:
                                 i[1]["addr"])]

    def query_memory_size_summary(self, args):
        return {"base-memory": self.base, "plugged-memory":
                sum(d["size"] for d in self.dimms.values())}

    def qom_list(self, args):
        if args.get("path") != "/objects":
            raise FakeError(f"Device '{args.get('path')}' not found",
                            "DeviceNotFound")
        return ([{"name": "type", "type": "string"},
                 {"name": "ppc_spapr.ram", "type": "child<memory-backend-ram>"}]
                + [{"name": b, "type": "child<memory-backend-ram>"}
                   for b in self.backends])

    def object_add(self, args):
        if args.get("qom-type") != "memory-backend-ram":
            raise FakeError(f"invalid object type: {args.get('qom-type')}")
        if args["id"] in self.backends:
            raise FakeError(f"attempt to add duplicate property '{args['id']}'"
                            " to object (type 'container')")
        self.backends[args["id"]] = args["size"]
        return {}

    def object_del(self, args):
        name = args["id"]
        if name not in self.backends:
            raise FakeError(f"object '{name}' not found")
        if any(d["memdev"] == name for d in self.dimms.values()):
            raise FakeError(f"object '{name}' is in use, can not be deleted")
        del self.backends[name]
        return {}

    def device_add(self, args):
        dev = args.get("id")
        if dev in self.dimms or PERIPHERAL + str(dev) in self.cores.values():
            raise FakeError(f"Duplicate device ID '{dev}'")
        if args["driver"] == "pc-dimm":
            self.pitfall_22()
            self.plug_dimm(dev, args.get("memdev"))
        elif args["driver"].endswith("-spapr-cpu-core"):
            self.plug_core(dev, args)
        else:
            raise FakeError(f"'{args['driver']}' is not a valid device model "
                            "name")
        self.added.append(dev)
        return {}

    def plug_core(self, dev, args):
        if args["driver"] != CORE_TYPE:
            raise FakeError(f"CPU core type should be {CORE_TYPE}")
        core = args.get("core-id", -1)
        if not 0 <= core < self.maxcpus:
            raise FakeError(f"core id {core} out of range")
        if core in self.cores:
            raise FakeError(f"core {core} already populated")
        self.cores[core] = PERIPHERAL + dev

    def plug_dimm(self, dev, memdev):
        if memdev not in self.backends:
            raise FakeError(f"can't find value for 'memdev': {memdev}")
        if any(d["memdev"] == memdev for d in self.dimms.values()):
            raise FakeError(f"can't use already busy memdev: {memdev}")
        size = self.backends[memdev]
        used = sum(d["size"] for d in self.dimms.values())
        if not self.slots:
            raise FakeError("memory devices (e.g. for memory hotplug) are "
                            "not enabled, please specify the maxmem option")
        if len(self.dimms) >= self.slots:
            raise FakeError("all memory slots are in use")
        if self.base + used + size > self.maxmem:
            raise FakeError("not enough space, currently "
                            f"{used:#x} in use of total space for memory "
                            f"devices {self.maxmem - self.base:#x}")
        addr = -(-self.base // GIB) * GIB       # first fit from here
        for d in sorted(self.dimms.values(), key=lambda d: d["addr"]):
            if addr + size <= d["addr"]:
                break
            addr = max(addr, d["addr"] + d["size"])
        slot = min(set(range(self.slots)) -
                   {d["slot"] for d in self.dimms.values()})
        self.dimms[dev] = {"memdev": memdev, "size": size, "addr": addr,
                           "slot": slot}

    def device_del(self, args):
        dev = args["id"]
        core = self.core_of(dev)
        if core is None and dev not in self.dimms:
            raise FakeError(f"Device '{dev}' not found", "DeviceNotFound")
        if core == 0:
            raise FakeError("Boot CPU core may not be unplugged")
        if core is None:
            self.pitfall_22()
            if dev in self.pending:
                raise FakeError(f"Memory unplug already in progress for "
                                f"device {dev}")
        self.pending.add(dev)
        if self.guest == "release":
            threading.Timer(RELEASE_DELAY, self.release, (dev,)).start()
        elif self.guest == "decline":
            threading.Timer(RELEASE_DELAY, self.decline, (dev,)).start()
        return {}

    def system_reset(self, args):
        """A reset completes every unplug still pending."""
        self.pitfall_22()
        for dev in sorted(self.pending):
            self.remove(dev)
        return {}

    def x_fake_guest(self, args):
        self.guest = args["unplug"]
        return {}

    # ---- the guest's answers -----------------------------------------------

    def core_of(self, dev):
        for core, path in self.cores.items():
            if path == PERIPHERAL + str(dev):
                return core
        return None

    def release(self, dev):
        with self.lock:
            self.remove(dev)

    def remove(self, dev):
        self.pending.discard(dev)
        core = self.core_of(dev)
        path = PERIPHERAL + dev
        if core is not None:
            for part in ("thread[0]/icp", "thread[0]/xive-tctx", "thread[0]"):
                self.event("DEVICE_DELETED", {"path": f"{path}/{part}"})
            del self.cores[core]
            self.core_removed = True
        else:
            del self.dimms[dev]
        self.deleted.append(dev)
        self.event("DEVICE_DELETED", {"device": dev, "path": path})

    def decline(self, dev):
        with self.lock:
            self.pending.discard(dev)
            if dev in self.dimms:
                self.event("MEM_UNPLUG_ERROR", {
                    "device": dev, "msg": "Memory hotunplug rejected by the "
                    f"guest for device {dev}"})
            self.event("DEVICE_UNPLUG_GUEST_ERROR",
                       {"device": dev, "path": PERIPHERAL + dev})

    def event(self, name, data):
        self.send({"event": name, "data": data,
                   "timestamp": {"seconds": 0, "microseconds": 0}})

    # ---- QEMU 7.2's own faults ---------------------------------------------

    def pitfall_21(self):
        """Unplugs piling up unacknowledged: QEMU aborts in glibc."""
        if len(self.pending) >= 2:
            print("corrupted double-linked list", file=sys.stderr, flush=True)
            os.abort()

    def pitfall_22(self):
        """A pc-dimm plugged or unplugged, or a reset, after a core was
        unplugged: QEMU segfaults, saying nothing."""
        if self.core_removed:       # at once, in this thread, as QEMU
            signal.pthread_kill(threading.get_ident(), signal.SIGSEGV)


COMMANDS = {
    "query-hotpluggable-cpus": FakeHotplug.query_hotpluggable_cpus,
    "query-cpus-fast": FakeHotplug.query_cpus_fast,
    "query-memory-devices": FakeHotplug.query_memory_devices,
    "query-memory-size-summary": FakeHotplug.query_memory_size_summary,
    "qom-list": FakeHotplug.qom_list,
    "object-add": FakeHotplug.object_add,
    "object-del": FakeHotplug.object_del,
    "device_add": FakeHotplug.device_add,
    "device_del": FakeHotplug.device_del,
    "system_reset": FakeHotplug.system_reset,
    "x-fake-guest": FakeHotplug.x_fake_guest,
}
