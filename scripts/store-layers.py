#!/usr/bin/env python3
"""Print which src/store module imports which, and fail if the imports form a circle.

`mod.rs` (the error type, `Store` and column helpers) is the root every module uses and
is left out; `base/x` is a module of the base layer, which may not import a use case."""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent / "src" / "store"
modules = {}
for path in sorted(root.rglob("*.rs")):
    rel = path.relative_to(root).with_suffix("").as_posix()
    if rel in ("mod", "base/mod"):
        continue
    modules[rel] = path.read_text()

def edges(name, text):
    found = set()
    in_base = name.startswith("base/")
    for m in re.finditer(r"\b(super|crate::store)::(base::)?(\w+)", text):
        prefix, base, target = m.groups()
        if prefix == "super" and in_base:
            base = "base::"  # `super` of a base module is the base layer
        candidate = ("base/" if base else "") + target
        if candidate in modules and candidate != name:
            found.add(candidate)
    return found

graph = {name: edges(name, text) for name, text in modules.items()}
for name, deps in graph.items():
    print(f"{name:20} -> {', '.join(sorted(deps)) or '-'}")

bad = [(n, d) for n, deps in graph.items() if n.startswith("base/") for d in deps if not d.startswith("base/")]
for n, d in bad:
    print(f"base module {n} imports use case {d}")

state, cycle = {}, []
def visit(n, stack):
    state[n] = "open"
    for d in graph[n]:
        if state.get(d) == "open":
            cycle.append(stack[stack.index(d):] + [d])
        elif d not in state:
            visit(d, stack + [d])
    state[n] = "done"
for n in graph:
    if n not in state:
        visit(n, [n])
for c in cycle:
    print("circle: " + " -> ".join(c))
sys.exit(1 if cycle or bad else 0)
