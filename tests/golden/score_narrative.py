#!/usr/bin/env python3
"""Scores the audit's findings on the narrative fixtures: false alarms and misses.

usage: score_narrative.py [--max-false N] [--max-miss N] [--quiet] FIXTURE_DIR   (env GONGKAI=binary)

Reads the expectations of FIXTURE_DIR/rules/*.tsv (one fixture a line, checks
as in tests/unit/audit_narrative_fixtures_test.cc) and runs
`gongkai check --json` on each NAME.txt alone (so that no cross-year rule
pairs two fixtures of one seed).
  false alarm: an error on a fixture whose report is right (it expects
               -error), or one narrative error more than a fixture of a true
               contradiction expects (=N:narrative.*);
  miss:        a fixture of a true contradiction (+narrative.*) whose rule
               was not raised as an error.
Prints one line per fixture that is not as expected and a summary; exits 1
when there are more false alarms or misses than allowed (default 0 each).
Python 3 standard library only.
"""
import glob
import json
import os
import subprocess
import sys


# The narrative rules of severity error (src/audit/rules.cc).
ERROR_RULES = ("narrative.table2", "narrative.table3", "narrative.table4", "narrative.unit")


def load(directory):
    cases = []
    for tsv in sorted(glob.glob(os.path.join(directory, "rules", "*.tsv"))):
        with open(tsv, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                fields = [x for x in line.split("\t") if x]
                cases.append((fields[0], fields[1:]))
    return cases


def findings(binary, path):
    run = subprocess.run([binary, "check", "--json", path], capture_output=True)
    if run.returncode not in (0, 1):
        raise SystemExit(f"{path}: gongkai check failed ({run.returncode}): {run.stderr.decode(errors='replace')}")
    doc = json.loads(run.stdout)
    return doc.get("findings", [])


def main(argv):
    max_false = max_miss = 0
    quiet = False
    args = []
    it = iter(argv)
    for a in it:
        if a == "--max-false":
            max_false = int(next(it))
        elif a == "--max-miss":
            max_miss = int(next(it))
        elif a == "--quiet":
            quiet = True
        else:
            args.append(a)
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    directory = args[0]
    binary = os.environ.get("GONGKAI", "gongkai")
    cases = load(directory)
    if not cases:
        print(f"no expectations in {directory}/rules", file=sys.stderr)
        return 2
    right = wrong = false_alarms = misses = warnings = 0
    for name, checks in cases:
        found = findings(binary, os.path.join(directory, name + ".txt"))
        errors = [f for f in found if f.get("severity") == "error"]
        narrative_warnings = [f for f in found if f.get("severity") == "warning" and f["rule"].startswith("narrative.")]
        warnings += len(narrative_warnings)
        expected_rules = [c[1:] for c in checks if c[1:] in ERROR_RULES and c.startswith("+")]
        if "-error" in checks:
            right += 1
            false_alarms += len(errors)
            if errors and not quiet:
                for f in errors:
                    print(f"FALSE ALARM {name}: {f['rule']} {f['message']}")
        if expected_rules:
            wrong += 1
            for rule in expected_rules:
                if not any(f["rule"] == rule and f.get("severity") == "error" for f in errors):
                    misses += 1
                    if not quiet:
                        print(f"MISS {name}: {rule} not raised")
            for c in checks:
                if c.startswith("=") and ":narrative." in c:
                    n, rule = c[1:].split(":", 1)
                    extra = sum(1 for f in errors if f["rule"] == rule) - int(n)
                    if extra > 0:
                        false_alarms += extra
                        if not quiet:
                            print(f"FALSE ALARM {name}: {extra} {rule} more than the one contradiction")
    print(f"narrative fixtures: {len(cases)} ({right} right, {wrong} with a true contradiction); "
          f"false alarms {false_alarms}, misses {misses}, narrative warnings {warnings}")
    return 1 if false_alarms > max_false or misses > max_miss else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
