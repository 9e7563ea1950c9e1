#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The layering check: every kernel object references only the layers its
# folder may use (docs/layout.md), besides the listed deliberate upcalls.
"""Check the kernel's layers from the symbols of its objects.

    tools/layercheck.py [--nm NM] [--build DIR] [--lds SCRIPT]
                        [--libfdt ARCHIVE] [--allowlist FILE] OBJECT...

Each OBJECT, a path under DIR (build by default), belongs to the layer of
its source folder. nm gives every object's defined and undefined symbols;
each undefined symbol is matched with the object that defines it (or the
member of libfdt that the link would pull in), and the reference must be
one that RULES below allows, or be listed in the allowlist
(tools/layercheck.allow) as a deliberate upcall. Inside kernel/, the rooms
(kernel/<room>/) reference each other one way only, and the objects
directly in kernel/ are the top, which no room references.

Prints one line per refused reference, cycle and stale allowlist entry,
then a count, and exits 1; prints nothing and exits 0 when the layering
holds; exits 2 when it cannot check (nm fails, a bad allowlist line).
"""

import argparse
import os
import re
import subprocess
import sys

LIBFDT = "libfdt"

# The layer table of ARCHITECTURE.md: a layer (its source folder) and the
# layers it may use; references inside a layer are always allowed.
RULES = {
    "boot/":        ("lib/", LIBFDT),   # libfdt writes the flat tree
    "lib/":         (),
    "arch/":        ("lib/", "base/"),
    "base/":        ("arch/", "lib/"),
    "mm/":          ("base/", "arch/", "lib/"),
    "drivers/":     ("mm/", "base/", "arch/", "lib/"),
    "kernel/":      ("drivers/", "mm/", "base/", "arch/", "lib/"),
    "test/kernel/": ("boot/", "lib/", "arch/", "base/", "mm/", "drivers/",
                     "kernel/"),
    LIBFDT:         ("lib/",),          # the C functions lib/ gives it
}

# Objects that may use more than their folder: in the kernel proper the
# device-tree layer is the one caller of libfdt (docs/devicetree.md).
EXTRA = {
    "base/dt.o": (LIBFDT,),
}

# Objects the build generates, outside the source folders.
GENERATED = {
    "syms.o": "base/",      # the symbol table tools/mksyms.py writes for base/symbols.c
}

# Symbols that no layer defines, but the toolchain: referencing them is
# part of compiling for the kernel, not a call into a layer. The linker
# script's own symbols (_image_end, __bss_start...) are read from --lds.
TOOLCHAIN = {
    ".TOC.": "the ELFv2 TOC base, which the linker defines",
    "__stack_chk_fail": "the stack protector's failure call, which the "
                        "compiler puts in every layer and libfdt "
                        "(base/panic.c defines it)",
}

KERNEL = "kernel/"
ALLOWLIST = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "layercheck.allow")


class Unit:
    """An object of the link: a kernel object or a member of libfdt."""

    def __init__(self, name, layer, member=False):
        self.name = name            # build/-relative path, or libfdt(member)
        self.layer = layer
        self.member = member
        self.defs = {}              # symbol -> weak
        self.undefs = {}            # symbol -> weak

    def room(self):
        """kernel/<room>/ for an object in a room, kernel/ for the top."""
        parts = self.name.split("/")
        return f"{KERNEL}{parts[1]}/" if len(parts) > 2 else KERNEL


class Check:
    def __init__(self, allowlist):
        self.allowlist = allowlist  # (object, symbol) -> (line, reason)
        self.used = set()
        self.errors = []            # (line, [lines under it])
        self.edges = {}             # (room, room) -> [(object, symbol, definer)]

    def error(self, text, details=()):
        self.errors.append((text, list(details)))

    def upcall(self, unit, sym):
        """True when the allowlist lets this refused reference through."""
        key = (unit.name, sym)
        if key in self.allowlist:
            self.used.add(key)
            return True
        return False


def die(text):
    """Stop without a verdict: the check could not be made."""
    print(f"layercheck: {text}", file=sys.stderr)
    sys.exit(2)


def layer_of(name):
    if name in GENERATED:
        return GENERATED[name]
    for layer in RULES:
        if layer.endswith("/") and name.startswith(layer):
            return layer
    return None


def run_nm(nm, files, which):
    """Yield (file label, symbol, type) from `nm -A -P --WHICH-only`."""
    try:
        p = subprocess.run([nm, "-A", "-P", f"--{which}-only", *files],
                           capture_output=True, text=True)
    except OSError as e:
        die(f"cannot run {nm}: {e}")
    if p.returncode != 0:
        die(f"{nm} failed:\n{p.stderr.rstrip()}")
    for line in p.stdout.splitlines():
        label, _, rest = line.partition(": ")
        fields = rest.split()
        if len(fields) >= 2:
            yield label, fields[0], fields[1]


def load(nm, build, objects, libfdt):
    """The units of the link with their global symbols."""
    units = {}
    for path in objects:
        name = os.path.relpath(path, build)
        units[path] = Unit(name, layer_of(name))
    files = list(objects) + ([libfdt] if libfdt else [])
    for label, sym, kind in run_nm(nm, files, "defined"):
        if not (kind.isupper() or kind in "uvw"):
            continue                # local to its object
        if label not in units:      # libfdt.a[member.o]
            member = label[label.rfind("[") + 1:-1]
            units[label] = Unit(f"{LIBFDT}({member})", LIBFDT, member=True)
        units[label].defs[sym] = kind in "VvWw"
    for label, sym, kind in run_nm(nm, files, "undefined"):
        if label in units:          # a member that defines nothing is never linked
            units[label].undefs[sym] = kind in "vw"
    return list(units.values())


def linked(units):
    """The objects and the libfdt members the link pulls in for them."""
    objects = [u for u in units if not u.member]
    members = [u for u in units if u.member]
    defined = {s for u in objects for s in u.defs}
    needed = {s for u in objects for s, weak in u.undefs.items() if not weak}
    pulled = []
    while True:
        missing = needed - defined
        more = [m for m in members if m not in pulled
                and any(s in missing for s in m.defs)]
        if not more:
            return objects + pulled
        for m in more:
            pulled.append(m)
            defined |= set(m.defs)
            needed |= {s for s, weak in m.undefs.items() if not weak}


def definers(units):
    """symbol -> the unit whose definition the link takes (strong first)."""
    best = {}
    for u in units:
        for sym, weak in u.defs.items():
            rank = (u.member, weak)
            if sym not in best or rank < best[sym][0]:
                best[sym] = (rank, u)
    return {sym: u for sym, (_rank, u) in best.items()}


def may_use(layer):
    uses = RULES[layer]
    return ", ".join(uses) if uses else "nothing"


def check_reference(c, unit, sym, target):
    if target.layer == unit.layer:
        if unit.layer != KERNEL:
            return
        src, dst = unit.room(), target.room()
        if src == dst or src == KERNEL:
            return
        if dst == KERNEL:
            if not c.upcall(unit, sym):
                c.error(f"{unit.name} references {sym} ({target.name}): "
                        f"{src} is a room, and no room references the "
                        f"kernel's top (the objects directly in {KERNEL})")
            return
        c.edges.setdefault((src, dst), []).append((unit.name, sym, target.name))
        return
    if target.layer in RULES[unit.layer] + EXTRA.get(unit.name, ()):
        return
    if c.upcall(unit, sym):
        return
    hint = ""
    if target.layer == LIBFDT:
        callers = [k for k, v in RULES.items() if LIBFDT in v]
        callers += [k for k, v in EXTRA.items() if LIBFDT in v]
        hint = f"; only {' and '.join(callers)} call {LIBFDT}"
    c.error(f"{unit.name} references {sym} ({target.name}): "
            f"{unit.layer} may use {may_use(unit.layer)}{hint}")


def room_cycles(c):
    """Report every set of rooms that reference each other around a cycle."""
    graph = {}
    for src, dst in c.edges:
        graph.setdefault(src, set()).add(dst)
        graph.setdefault(dst, set())
    # Tarjan's strongly connected components.
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            components.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    for rooms in components:
        if len(rooms) < 2:
            continue
        names = " and ".join([", ".join(rooms[:-1]), rooms[-1]])
        c.error(f"rooms {names} reference each other around a cycle; "
                f"references between rooms go one way:",
                [f"{name} references {sym} ({target})"
                 for (src, dst), refs in sorted(c.edges.items())
                 if src in rooms and dst in rooms
                 for name, sym, target in sorted(refs)])


def read_allowlist(path):
    """(object, symbol) -> (line number, reason) from the allowlist file."""
    entries = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = line.split(None, 2)
            if len(fields) < 3:
                die(f"{path}:{n}: want an object, a symbol and the reason")
            entries[(fields[0], fields[1])] = (n, fields[2])
    return entries


def linker_script_symbols(path):
    """The symbols a (preprocessed) linker script assigns."""
    with open(path) as f:
        text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
    return set(re.findall(r"\b([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)", text))


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--nm", default="nm", help="the nm for the objects")
    p.add_argument("--build", default="build",
                   help="the build directory the objects lie in")
    p.add_argument("--lds", help="the preprocessed kernel linker script")
    p.add_argument("--libfdt", help="libfdt's archive")
    p.add_argument("--allowlist", default=ALLOWLIST,
                   help="the deliberate upcalls (default: %(default)s)")
    p.add_argument("objects", nargs="+")
    a = p.parse_args(argv)

    c = Check(read_allowlist(a.allowlist))
    provided = set(TOOLCHAIN) | (linker_script_symbols(a.lds) if a.lds else set())
    units = load(a.nm, a.build, a.objects, a.libfdt)
    for u in units:
        if u.layer is None:
            c.error(f"{u.name}: no layer for its folder (RULES in tools/layercheck.py)")
    units = linked([u for u in units if u.layer is not None])
    defs = definers(units)
    for u in units:
        for sym, weak in sorted(u.undefs.items()):
            if sym in provided:
                continue
            target = defs.get(sym)
            if target is None:
                if not weak:        # an undefined weak reference is just 0
                    c.error(f"{u.name} references {sym}, which no object, "
                            f"{LIBFDT} or the linker script defines")
                continue
            check_reference(c, u, sym, target)
    room_cycles(c)
    for (name, sym), (n, reason) in sorted(c.allowlist.items(),
                                           key=lambda e: e[1][0]):
        if (name, sym) not in c.used:
            c.error(f"{os.path.relpath(a.allowlist)}:{n}: stale entry {name} "
                    f"{sym} ({reason}): no refused reference needs it")
    if not c.errors:
        return 0
    for text, details in c.errors:
        print(f"layercheck: {text}", file=sys.stderr)
        for line in details:
            print(f"layercheck:   {line}", file=sys.stderr)
    print(f"layercheck: {len(c.errors)} problem(s); the layers and their "
          f"rules are in docs/layout.md", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
