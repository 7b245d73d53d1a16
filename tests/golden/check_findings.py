#!/usr/bin/env python3
"""Check the findings of extracted reports against the fixtures' expectations.

usage: check_findings.py EXPECTED_DIR ACTUAL_DIR

For each NAME.expected.json in EXPECTED_DIR that has a "findings" key and
NAME.json in ACTUAL_DIR (as written by `gongkai extract --out`):
  "present": [{rule, table?, row?, column?, severity?}]  each must be matched
      by a finding with those values; table/row/column also match an entry of
      the finding's `cells` list (a finding that names many cells names each);
  "absent":  [{...}]  no finding may match any of these;
  "most":    {rule: N}  at most N findings of that rule (noise).
Prints every failed expectation; exits 1 if there is one.
"""
import json
import os
import sys

PLACE = ("table", "row", "column")


def matches(f, want):
    for k, v in want.items():
        if k in PLACE:
            continue
        if f.get(k) != v:
            return False
    place = {k: want[k] for k in PLACE if k in want}
    if not place:
        return True
    if all(f.get(k) == v for k, v in place.items()):
        return True
    return any(all(c.get(k) == v for k, v in place.items()) for c in f.get("cells") or [])


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    exp_dir, act_dir = argv
    failures = checked = 0
    for entry in sorted(os.listdir(exp_dir)):
        if not entry.endswith(".expected.json"):
            continue
        with open(os.path.join(exp_dir, entry), encoding="utf-8") as f:
            want = json.load(f).get("findings")
        if want is None:
            continue
        stem = entry[: -len(".expected.json")]
        with open(os.path.join(act_dir, stem + ".json"), encoding="utf-8") as f:
            doc = json.load(f)
        findings = doc.get("findings") or []
        checked += 1
        bad = []
        for w in want.get("present", []):
            if not any(matches(f, w) for f in findings):
                bad.append(f"missing {w}")
        for w in want.get("absent", []):
            hit = [f for f in findings if matches(f, w)]
            if hit:
                bad.append(f"unwanted {w}: {hit[0].get('message')}")
        for rule, most in (want.get("most") or {}).items():
            n = sum(1 for f in findings if f.get("rule") == rule)
            if n > most:
                bad.append(f"{n} findings {rule}, want at most {most}")
        failures += len(bad)
        print(f"{stem}: " + ("findings as expected" if not bad else "; ".join(bad)))
    print(f"findings: {checked} reports checked, {failures} expectations failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
