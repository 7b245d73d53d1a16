#!/usr/bin/env python3
"""Accuracy per kind of damage, from the generator's manifest and score.py's output.

usage: damage_table.py [--min ACCURACY] MANIFEST.json SCORE.txt

MANIFEST.json is what tools/fixtures/make_damaged_scans.py writes next to its
fixtures (file, report, kind, seed of each); SCORE.txt the output of
tools/score.py over them ("NAME: OK/TOTAL cells..." per report). Prints a
table of cells right per kind and exits 1 when a damaged scan is below
--min (default 0): the goal is for every scan a person can read.
"""
import json
import re
import sys


def main(argv):
    minimum = 0.0
    if len(argv) >= 2 and argv[0] == "--min":
        minimum = float(argv[1])
        argv = argv[2:]
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        manifest = json.load(f)
    scores = {}
    with open(argv[1], encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^(\S+): (\d+)/(\d+) cells", line)
            if m:
                scores[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    kinds = {}
    status = 0
    for entry in manifest:
        name = entry["file"].rsplit(".", 1)[0]
        ok, total = scores.get(name, (0, 0))
        k = kinds.setdefault(entry["kind"], [0, 0, []])
        k[0] += ok
        k[1] += total
        k[2].append(name)
        if total == 0 or ok / total < minimum:
            print(f"{name}: {ok}/{total} below {minimum}", file=sys.stderr)
            status = 1
    print("| damage | cells right | accuracy | scans |")
    print("|---|---|---|---|")
    for kind, (ok, total, names) in kinds.items():
        acc = ok / total if total else 0.0
        print(f"| {kind} | {ok}/{total} | {acc:.4f} | {len(names)} |")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
