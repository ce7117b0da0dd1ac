#!/usr/bin/env python3
"""Compare checkov's Kubernetes verdicts with Bulkhead's, per (file, object, check).

Usage: checkov_compare.py --checkov A.json [--checkov B.json ...] --bulkhead findings.json [--details N]

checkov JSON: `checkov -d DIR --framework kubernetes --skip-download -o json` (without --quiet, so that passed
checks are listed too); one report object or a list of them. Bulkhead JSON: `bulkhead audit k8s --format json`
(the shared findings JSON: findings[].aliases, findings[].location.file and .object).

For every CKV_K8S check that a Bulkhead rule lists as an alias, the objects compared are those checkov gave a
verdict for (passed or failed; checkov's UNKNOWN results are not reported, so those objects have no verdict to
agree with). An object fails for a tool when the tool reports at least one failure/finding for it. Agreement =
matching verdicts / objects compared. Objects Bulkhead flags but checkov did not judge are counted separately
("unjudged"). Objects are compared as `kind.namespace.name`, checkov's resource id; for an object without
`metadata.name` (generateName) checkov derives a name, so Bulkhead's nameless object is matched to the only checkov
resource of the same file, kind and namespace that no named Bulkhead finding claims.
"""
import argparse
import json
import os
import re
import sys
from collections import defaultdict

CKV = re.compile(r"^CKV_K8S_\d+$")


def load_checkov(paths):
    """{check: {(file, object): failed?}}, the set of scanned files."""
    verdicts = defaultdict(dict)
    files = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        reports = data if isinstance(data, list) else [data]
        for report in reports:
            if report.get("check_type") not in (None, "kubernetes"):
                continue
            results = report.get("results", {})
            for key, failed in (("passed_checks", False), ("failed_checks", True)):
                for r in results.get(key, []):
                    check = r.get("check_id", "")
                    if not CKV.match(check):
                        continue
                    file = os.path.realpath(r.get("file_abs_path") or r.get("file_path", ""))
                    files.add(file)
                    k = (file, r.get("resource", ""))
                    verdicts[check][k] = verdicts[check].get(k, False) or failed
    return verdicts, files


def load_bulkhead(path):
    """{check: {(file, object)}}: the objects Bulkhead flags, by checkov alias; and every alias seen."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    flagged = defaultdict(set)
    named = defaultdict(set)
    for finding in data.get("findings", []):
        location = finding.get("location", {})
        parts = (location.get("object") or "").split("/", 2)
        if len(parts) == 3 and parts[2]:
            named[os.path.realpath(location.get("file") or "")].add(".".join(parts))
    for finding in data.get("findings", []):
        location = finding.get("location", {})
        obj = location.get("object")
        if not obj:
            continue
        parts = obj.split("/", 2)
        resource = ".".join(parts) if len(parts) == 3 else obj
        file = os.path.realpath(location.get("file") or "")
        if len(parts) == 3 and not parts[2]:
            resource = (file, resource, frozenset(named[file]))
        for alias in finding.get("aliases", []):
            if CKV.match(alias):
                flagged[alias].add((file, resource))
    return flagged


def check_number(check):
    return int(check.rsplit("_", 1)[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkov", action="append", required=True)
    parser.add_argument("--bulkhead", required=True)
    parser.add_argument("--checks", help="comma-separated CKV_K8S ids to compare (default: every alias Bulkhead has)")
    parser.add_argument("--details", type=int, default=0, help="print up to N disagreements per check")
    parser.add_argument("--json", help="also write the table as JSON to this file")
    args = parser.parse_args()

    checkov, scanned = load_checkov(args.checkov)
    bulkhead = load_bulkhead(args.bulkhead)
    for check, keys in bulkhead.items():
        resolved = set()
        for file, resource in keys:
            if isinstance(resource, tuple):
                _, prefix, claimed = resource
                candidates = [r for (f, r) in checkov.get(check, {}) if f == file and r.startswith(prefix)
                              and r not in claimed]
                resource = candidates[0] if len(candidates) == 1 else prefix
            resolved.add((file, resource))
        bulkhead[check] = resolved
    checks = args.checks.split(",") if args.checks else sorted(set(bulkhead) | set(
        c for c in checkov if c in OVERLAP), key=check_number)
    rows = []
    print(f"{'check':<12} {'objects':>7} {'checkov':>8} {'bulkhead':>8} {'agree':>7}  only-checkov only-bulkhead"
          f" unjudged")
    for check in checks:
        ck = checkov.get(check, {})
        flagged = {k for k in bulkhead.get(check, set()) if k[0] in scanned}
        unjudged = sorted(flagged - set(ck))
        bh = flagged & set(ck)
        universe = set(ck)
        if not universe:
            continue
        agree = sum(1 for k in universe if ck.get(k, False) == (k in bh))
        only_ck = sorted(k for k in universe if ck.get(k, False) and k not in bh)
        only_bh = sorted(k for k in universe if k in bh and not ck.get(k, False))
        rate = agree / len(universe)
        rows.append({"check": check, "objects": len(universe), "checkov_failed": sum(ck.values()),
                     "bulkhead_failed": len(bh), "agreement": round(rate, 4),
                     "only_checkov": len(only_ck), "only_bulkhead": len(only_bh),
                     "unjudged": len(unjudged)})
        print(f"{check:<12} {len(universe):>7} {sum(ck.values()):>8} {len(bh):>8} {rate:>7.3f}  "
              f"{len(only_ck):>12} {len(only_bh):>13} {len(unjudged):>8}")
        for label, items in (("only checkov fails", only_ck), ("only Bulkhead flags", only_bh),
                             ("Bulkhead flags, checkov has no verdict", unjudged)):
            for file, resource in items[: args.details]:
                print(f"    {label}: {os.path.basename(file)} {resource}")
    total = sum(r["objects"] for r in rows)
    agreed = sum(round(r["agreement"] * r["objects"]) for r in rows)
    low = [r["check"] for r in rows if r["agreement"] < 0.95]
    print(f"overall: {agreed}/{total} verdicts agree ({agreed / max(total, 1):.3f}); "
          f"checks below 0.95: {', '.join(low) if low else 'none'}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(rows, f, indent=2)
    return 0


# checkov ids with a Bulkhead counterpart (best-practice checks and PSS controls listing them as aliases).
OVERLAP = {f"CKV_K8S_{n}" for n in (8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 26, 27, 28, 29, 30,
                                     31, 33, 34, 35, 37, 38, 40, 41, 43, 159)}

if __name__ == "__main__":
    sys.exit(main())
