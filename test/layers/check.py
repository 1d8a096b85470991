"""The layers of src/ call only downward (see doc/hacking.md).

A layer is NAME.h and NAME.c, and the C files MEMBERS lists with it
(quoracy.c is part of conference).  Checked:
1. the graph "layer A includes a header of layer B" has no cycle;
2. each function a header declares is defined in a C file of its layer,
   so that including a header gives access only to that layer.
With gcc's -Werror an undeclared call does not compile, so together these
mean every call goes to the same layer or one below.
"""
import os
import re
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "src"
SHIMS = {"compat.h"}
INCLUDE = re.compile(r'^#include "([^"]+)"', re.M)
DECLARED = re.compile(r"^extern\s[^;(]*?\b(\w+)\s*\(", re.M)


# C files that are part of another file's layer; every other file NAME.c or
# NAME.h is layer NAME.
MEMBERS = {"quoracy.c": "conference"}


def layer_of(name):
    return MEMBERS.get(name, name[:-2])


def main():
    files = {f: open(os.path.join(SRC, f)).read() for f in sorted(os.listdir(SRC))
             if f.endswith((".c", ".h")) and f not in SHIMS}
    layers = {f: layer_of(f) for f in files}
    edges = {}
    for f, text in files.items():
        for h in INCLUDE.findall(text):
            if h in SHIMS or h not in files:
                continue
            a, b = layers[f], layers[h]
            if a != b:
                edges.setdefault(a, set()).add(b)
    failed = 0

    # 1. no cycles (depth-first search)
    state = {}

    def visit(node, path):
        nonlocal failed
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                print("cycle: " + " -> ".join(path + [node, nxt]))
                failed += 1
            elif nxt not in state:
                visit(nxt, path + [node])
        state[node] = "done"

    for node in sorted(set(layers.values())):
        if node not in state:
            visit(node, [])

    # 2. a header declares only its own layer's functions
    for f, text in files.items():
        if not f.endswith(".h"):
            continue
        own = "".join(t for g, t in files.items() if g.endswith(".c") and layers[g] == layers[f])
        for fn in DECLARED.findall(text):
            if not re.search(r"^\w[\w\s\*]*\b%s\s*\(" % fn, own, re.M):
                print("%s declares %s, which no C file of layer %s defines" % (f, fn, layers[f]))
                failed += 1

    for node in sorted(edges):
        print("%s -> %s" % (node, ", ".join(sorted(edges[node]))))
    print("test layers ... " + ("FAILED" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
