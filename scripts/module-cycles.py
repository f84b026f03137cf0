#!/usr/bin/env python3
"""Fail if the modules of any crate in this workspace import each other in a circle, or if
a module of the store's base layer imports a store use case.

Each .rs file is a module. An edge A -> B is a path to B (`super::b`, `crate::x::b`, or a
name in a `use super::{…}` group) written in A, ignoring A's own ancestors and
descendants (a parent's `mod.rs` declares and re-exports its children; children use the
parent's shared items). Usage: scripts/module-cycles.py [-v]  (-v prints every edge)."""
import pathlib, re, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CRATES = [ROOT / "src", ROOT / "crates" / "domain" / "src", ROOT / "crates" / "simulator" / "src"]
PATH = re.compile(r"\b(crate|super)((?:::\w+)+)")
GROUP = re.compile(r"\b(crate|super)((?:::\w+)*)::\{([^}]*)\}")


def module_of(src, path):
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


def resolve(modules, here, head, tail):
    """The longest known module named by `head::tail…` written in module `here`."""
    base = list(here[:-1]) if head == "super" else []
    names = [n for n in tail if n not in ("self", "super")]
    for cut in range(len(names), 0, -1):
        candidate = tuple(base + names[:cut])
        if candidate in modules:
            return candidate
    return None


def edges(modules, here, text):
    text = re.sub(r"//.*", "", text)
    found = set()
    for head, middle, group in GROUP.findall(text):
        for name in group.split(","):
            name = name.strip().split(" as ")[0].split("::")
            found.add(resolve(modules, here, head, middle.split("::")[1:] + name))
    for head, tail in PATH.findall(text):
        found.add(resolve(modules, here, head, tail.split("::")[1:]))
    related = lambda m: m[: len(here)] == here or here[: len(m)] == m
    return {m for m in found if m is not None and not related(m)}


def cycles(graph):
    state, found = {}, []

    def visit(node, stack):
        state[node] = "open"
        for dep in sorted(graph[node]):
            if state.get(dep) == "open":
                found.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, stack + [dep])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


failed = False
for src in CRATES:
    files = {module_of(src, p): p for p in sorted(src.rglob("*.rs"))}
    graph = {m: edges(files, m, p.read_text()) for m, p in files.items()}
    name = src.relative_to(ROOT)
    for m, deps in graph.items():
        if "-v" in sys.argv:
            print(f"{name}: {'::'.join(m) or '<root>'} -> {', '.join('::'.join(d) for d in sorted(deps)) or '-'}")
        if m[:2] == ("store", "base"):
            for d in deps:
                if d[:1] == ("store",) and d[:2] != ("store", "base"):
                    print(f"{name}: base module {'::'.join(m)} imports store use case {'::'.join(d)}")
                    failed = True
    for c in cycles(graph):
        print(f"{name}: import circle: " + " -> ".join("::".join(m) for m in c))
        failed = True
print("module imports: no circle" if not failed else "module imports: circles found")
sys.exit(1 if failed else 0)
