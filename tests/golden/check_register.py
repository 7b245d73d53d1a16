#!/usr/bin/env python3
"""Runs `gongkai register FILE --year N --json` over tests/fixtures/register
and compares with NAME.expected.json: every cell of Table 三, and the rows
that must be findings (register.row_invalid, register.overdue) — each one
present with its register_row, and no other row of those rules.

usage: check_register.py GONGKAI FIXTURE_DIR
"""
import json
import os
import subprocess
import sys


def main():
    gongkai, folder = sys.argv[1], sys.argv[2]
    failed = 0
    names = sorted(n for n in os.listdir(folder) if n.endswith(".expected.json"))
    if not names:
        sys.exit("check_register: no fixtures in " + folder)
    for name in names:
        stem = name[: -len(".expected.json")]
        data = next(os.path.join(folder, n) for n in os.listdir(folder) if n.startswith(stem + ".") and not n.endswith(".json"))
        exp = json.load(open(os.path.join(folder, name), encoding="utf-8"))
        run = subprocess.run([gongkai, "register", data, "--year", str(exp["year"]), "--json"], capture_output=True)
        if run.returncode not in (0, 1):
            print(f"✗ {stem}: exit {run.returncode}: {run.stderr.decode('utf-8', 'replace')}")
            failed += 1
            continue
        got = json.loads(run.stdout)
        wrong = []
        for key, vals in exp["table3"].items():
            if got["table3"].get(key) != vals:
                wrong.append(f"{key}: {got['table3'].get(key)} != {vals}")
        for rule in ("register.row_invalid", "register.overdue"):
            want = sorted(f["register_row"] for f in exp["findings"] if f["rule"] == rule)
            have = sorted(f["register_row"] for f in got["findings"] if f["rule"] == rule)
            if want != have:
                wrong.append(f"{rule}: rows {have} != {want}")
        if wrong:
            failed += 1
            print(f"✗ {stem}:\n  " + "\n  ".join(wrong[:20]))
        else:
            n = sum(1 for f in got["findings"] if f["rule"] in ("register.row_invalid", "register.overdue"))
            print(f"✓ {stem}: Table 三 exact, {n} row findings as expected")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
