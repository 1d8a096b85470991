"""Check the runnable examples of cpconf's documentation (see test/doc/run)."""
import re
import subprocess
import sys

FENCE = re.compile(r"^```(\w*)\s*$")


def examples(path):
    """(line, sql, expected output) for each sql block followed by an output block."""
    blocks, lines, i = [], open(path, encoding="utf-8").read().split("\n"), 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m is None:
            i += 1
            continue
        start, body, i = i + 1, [], i + 1
        while i < len(lines) and not FENCE.match(lines[i]):
            body.append(lines[i])
            i += 1
        blocks.append((start, m.group(1), "\n".join(body)))
        i += 1
    pairs = []
    for (line, kind, body), (nline, nkind, nbody) in zip(blocks, blocks[1:] + [(0, None, "")]):
        if kind == "sql" and nkind == "" and nline == line + len(body.split("\n")) + 2:
            pairs.append((line, body, nbody))
    return pairs


def normalise(text):
    return "\n".join(l.rstrip() for l in text.strip("\n").split("\n"))


def run_page(path, pairs):
    db = "cpconf_doc"
    subprocess.run(["dropdb", "--if-exists", db], check=True, capture_output=True)
    subprocess.run(["createdb", db], check=True)
    # an error's CONTEXT (the line of a PL/pgSQL function) is not the reader's concern
    script = ["\\set SHOW_CONTEXT never", "SET client_min_messages = warning;", "SET DateStyle = ISO, YMD;",
              "CREATE EXTENSION cpconf;"]
    for n, (_, sql, _) in enumerate(pairs):
        script += [f"\\echo @@example {n}", sql]
    # errors are part of an example's output, in order, as psql shows them
    out = subprocess.run(["psql", "-X", "-q", "-d", db], input="\n".join(script) + "\n",
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    subprocess.run(["dropdb", db], check=True)
    text = re.sub(r"^psql:<stdin>:\d+: ", "", out.stdout, flags=re.M)
    chunks = re.split(r"^@@example \d+\n", text, flags=re.M)[1:]
    failed = 0
    for (line, sql, expected), actual in zip(pairs, chunks + [""] * len(pairs)):
        name = f"{path}:{line}"
        if normalise(actual) == normalise(expected):
            print(f"test {name} ... ok")
        else:
            failed += 1
            print(f"test {name} ... FAILED")
            print("---- expected\n" + normalise(expected) + "\n---- actual\n" + normalise(actual))
    return failed


def fences_balanced(path):
    """An odd number of fences shifts every later block: report it, or examples are skipped unseen."""
    n = sum(1 for line in open(path, encoding="utf-8").read().split("\n") if FENCE.match(line))
    if n % 2:
        print(f"test {path}:fences ... FAILED")
        print(f"---- {n} code fences: one is unclosed, so the examples after it would not run")
        return 1
    return 0


def main(paths):
    failed = sum(fences_balanced(p) for p in paths)
    failed += sum(run_page(p, pairs) for p in paths if (pairs := examples(p)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
