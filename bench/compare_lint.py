#!/usr/bin/env python3
"""Per-DL-rule precision/recall of Bulkhead against hadolint (the reference).

A finding is identified by (file, line, DL code). Files on which hadolint itself failed to parse
(DL1000) are left out of the comparison, since hadolint reports nothing else for them; they are
counted and listed. Usage: compare_lint.py hadolint.json bulkhead.json FILECOUNT
"""
import json
import sys
from collections import defaultdict

hadolint = json.load(open(sys.argv[1]))
bulkhead = json.load(open(sys.argv[2]))
total_files = int(sys.argv[3])

ref = set()
parse_failures = set()
for f in hadolint:
    code = f["code"]
    if code == "DL1000":
        parse_failures.add(f["file"])
    if code.startswith("DL"):
        ref.add((f["file"], f["line"], code))
ref = {r for r in ref if r[0] not in parse_failures}

ours = set()
for f in bulkhead["findings"]:
    loc = f.get("location", {})
    path = loc.get("file")
    if path in parse_failures:
        continue
    for alias in f.get("aliases", []):
        if alias.startswith("DL") and alias != "DL1000":
            ours.add((path, loc.get("startLine"), alias))

rules = sorted({r[2] for r in ref} | {o[2] for o in ours})
print(f"files compared: {total_files - len(parse_failures)} of {total_files} "
      f"(hadolint could not parse {len(parse_failures)}: {', '.join(sorted(p.rsplit('/', 1)[-1] for p in parse_failures)) or '-'})")
print(f"{'rule':8} {'hadolint':>8} {'bulkhead':>8} {'both':>6} {'precision':>9} {'recall':>7}")
below = []
for rule in rules:
    r = {x for x in ref if x[2] == rule}
    o = {x for x in ours if x[2] == rule}
    both = len(r & o)
    precision = both / len(o) if o else 1.0
    recall = both / len(r) if r else 1.0
    flag = "" if precision >= 0.95 and recall >= 0.95 else "  <-- below 0.95"
    if flag:
        below.append(rule)
    print(f"{rule:8} {len(r):8} {len(o):8} {both:6} {precision:9.3f} {recall:7.3f}{flag}")
tp = len(ref & ours)
print(f"{'all':8} {len(ref):8} {len(ours):8} {tp:6} {tp / max(1, len(ours)):9.3f} {tp / max(1, len(ref)):7.3f}")
if below:
    print(f"rules below target: {' '.join(below)}")
    for rule in below:
        missed = sorted(x for x in ref - ours if x[2] == rule)[:3]
        extra = sorted(x for x in ours - ref if x[2] == rule)[:3]
        for x in missed:
            print(f"  {rule} missed: {x[0].rsplit('/', 1)[-1]}:{x[1]}")
        for x in extra:
            print(f"  {rule} extra:  {x[0].rsplit('/', 1)[-1]}:{x[1]}")
