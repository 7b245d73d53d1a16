#!/usr/bin/env python3
"""Check that every table cell extracted wrong is flagged by a finding.

usage: check_flags.py [--max-unflagged N] EXPECTED_DIR ACTUAL_DIR

For each NAME.expected.json in EXPECTED_DIR and NAME.json in ACTUAL_DIR (as
written by `gongkai extract --out`), every Table 二/三/四 cell whose extracted
value differs from the expected one (an extracted null included; an expected
null is unknown and skipped) must be located by a finding of the output:
one whose table/row/column names it, whose `cells` list holds it, or a
row-level finding (no column: extract.row_missing, extract.row_short) on its
row, or extract.table_missing on its table (which says all its cells are null). This is the issue's bar for OCR: a reader may misread, but never
silently. Prints the unflagged cells; exits 1 when there are more than N
(default 0) over all reports.
"""
import json
import math
import os
import sys

T3_COLUMNS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org", "total"]
T4_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]


def table_cells(doc):
    """{(table, row, column): value} for Tables 二, 三, 四 (keys of OUTPUT.md)."""
    out = {}
    for row, v in (doc.get("table2") or {}).items():
        if isinstance(v, dict):
            for col, vv in v.items():
                if col != "amount_unit":
                    out[(2, row, col)] = vv
        elif isinstance(v, (int, float)) or v is None:
            out[(2, row, "")] = v
    for row, vals in (doc.get("table3") or {}).items():
        if isinstance(vals, list):
            for i, v in enumerate(vals[:7]):
                out[(3, row, T3_COLUMNS[i])] = v
    for row, vals in (doc.get("table4") or {}).items():
        if isinstance(vals, list):
            for i, v in enumerate(vals[:5]):
                out[(4, row, T4_COLUMNS[i])] = v
    return out


def same(exp, act):
    if act is None:
        return False
    if isinstance(exp, (int, float)) and isinstance(act, (int, float)):
        return math.isclose(float(exp), float(act), rel_tol=1e-9, abs_tol=1e-9)
    return exp == act


def located(findings, table, row, column):
    # A row of one value (Table 二's 行政许可, 行政事业性收费) has no column in
    # the report's JSON, while a finding may name the form's column of it
    # ("amount": 本年收费金额): any column of that row locates it.
    def column_matches(c):
        return column == "" or c in ("", None, column)

    for f in findings:
        # A table not found at all: the finding says every cell of it is null.
        if f.get("rule") == "extract.table_missing" and f.get("table") == table:
            return True
        if f.get("table") == table and f.get("row") == row and column_matches(f.get("column", "")):
            return True
        for c in f.get("cells") or []:
            if c.get("table") == table and c.get("row") == row and column_matches(c.get("column", "")):
                return True
    return False


def main(argv):
    max_unflagged = 0
    if len(argv) >= 2 and argv[0] == "--max-unflagged":
        max_unflagged = int(argv[1])
        argv = argv[2:]
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    exp_dir, act_dir = argv
    total_missed = total_unflagged = 0
    for entry in sorted(os.listdir(exp_dir)):
        if not entry.endswith(".expected.json"):
            continue
        stem = entry[: -len(".expected.json")]
        with open(os.path.join(exp_dir, entry), encoding="utf-8") as f:
            exp = json.load(f)
        path = os.path.join(act_dir, stem + ".json")
        if not os.path.isfile(path):
            print(f"{stem}: no output {path}")
            return 2
        with open(path, encoding="utf-8") as f:
            act = json.load(f)
        findings = act.get("findings") or []
        want, got = table_cells(exp), table_cells(act)
        missed = [k for k, v in want.items() if v is not None and not same(v, got.get(k))]
        unflagged = [k for k in missed if not located(findings, *k)]
        total_missed += len(missed)
        total_unflagged += len(unflagged)
        print(f"{stem}: {len(missed)} cells wrong, {len(missed) - len(unflagged)} flagged, "
              f"{len(unflagged)} unflagged")
        for t, row, col in unflagged:
            print(f"  unflagged: table{t}.{row}.{col} = {got.get((t, row, col))!r} (want {want[(t, row, col)]!r})")
    print(f"wrong cells {total_missed}, unflagged {total_unflagged} (allowed {max_unflagged})")
    return 1 if total_unflagged > max_unflagged else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
