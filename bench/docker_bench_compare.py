#!/usr/bin/env python3
"""Compares docker-bench-security's JSON log with `bulkhead audit docker --format json`.

One row per CIS id for the daemon (section 2) and host files (section 3); one row per (CIS id, container) for the
container checks (4.1, section 5, community C.5.3.x). Verdicts: fail (docker-bench WARN / a Bulkhead finding of
severity low or above), pass (PASS / no finding), info (INFO or NOTE / an info-severity finding: manual or not
applicable, not counted in the agreement). Prints the table, the disagreements and the agreement rate.
"""
import argparse
import json
import re
import sys


def cis_id(rule_id):
    m = re.match(r"CIS-DOCKER-(.+)$", rule_id)
    return m.group(1) if m else None


def container_name(location):
    text = location.get("container") or ""
    return text.split(" (", 1)[0] if text else None


def load_docker_bench(path):
    with open(path) as f:
        log = json.load(f)
    results = {}
    for section in log.get("tests", []):
        for r in section.get("results", []):
            results[r["id"]] = r
    return results


def main():
    p = argparse.ArgumentParser()
    p.add_argument("docker_bench_json")
    p.add_argument("bulkhead_json")
    p.add_argument("--prefix", default="", help="only containers whose name starts with this")
    p.add_argument("--checks", help="`bulkhead audit docker --list-checks --format json` (marks manual checks)")
    args = p.parse_args()
    db = load_docker_bench(args.docker_bench_json)
    manual = set()
    if args.checks:
        with open(args.checks) as f:
            manual = {cis_id(m["id"]) for m in json.load(f).get("notAutomated", [])}
    with open(args.bulkhead_json) as f:
        bh = json.load(f)

    containers = sorted(
        t.split(":", 1)[1].split(" (", 1)[0] for t in bh.get("targets", []) if t.startswith("container:")
    )
    containers = [c for c in containers if c.startswith(args.prefix)]
    host_findings = {}
    container_findings = {}
    bulkhead_only = {}
    for f in bh.get("findings", []):
        cid = cis_id(f["ruleId"])
        loc = f.get("location", {})
        name = container_name(loc)
        if cid is None:
            bulkhead_only.setdefault(f["ruleId"], []).append(f["message"])
            continue
        if name is not None:
            container_findings.setdefault((cid, name), []).append(f)
        else:
            host_findings.setdefault(cid, []).append(f)

    def bh_verdict(findings):
        if not findings:
            return "pass"
        return "info" if all(f["severity"] == "info" for f in findings) else "fail"

    def db_verdict(result):
        return {"WARN": "fail", "PASS": "pass"}.get(result, "info")

    def is_container_check(cid):
        return cid == "4.1" or (cid.startswith("5.") and cid != "5.1") or cid.startswith("C.5.3")

    rows = []  # (id, subject, docker-bench, bulkhead)
    def sort_key(cid):
        parts = cid.replace("C.", "99.").split(".")
        return [int(x) if x.isdigit() else 0 for x in parts]

    ids = [i for i in db if re.match(r"^(2|3|4\.1$|5|C\.5)", i) and i.count(".") >= 1]
    for cid in sorted(ids, key=sort_key):
        r = db[cid]
        if is_container_check(cid):
            items = r.get("items") or []
            # Items name the container, sometimes with a detail (`web:80`, `web:0.0.0.0`, `<id>:web`).
            failing = set()
            if r["result"] == "WARN":
                for item in map(str, items):
                    parts = item.split(":")
                    failing.update(n for n in containers if n in parts)
            for name in containers:
                if cid in manual:
                    rows.append((cid, name, db_verdict(r["result"]) if r["result"] != "WARN" or name in failing else "pass", "manual"))
                    continue
                if r["result"] in ("INFO", "NOTE"):
                    d = "info"
                else:
                    d = "fail" if name in failing else "pass"
                rows.append((cid, name, d, bh_verdict(container_findings.get((cid, name), []))))
        else:
            rows.append((cid, "daemon/host", db_verdict(r["result"]), bh_verdict(host_findings.get(cid, []))))

    judged = [r for r in rows if r[2] != "info" and r[3] not in ("info", "manual")]
    agree = [r for r in judged if r[2] == r[3]]
    print(f"{'CIS id':<9} {'subject':<28} {'docker-bench':<13} {'bulkhead':<9}")
    for cid, subject, d, b in rows:
        mark = "" if d == b or "info" in (d, b) or b == "manual" else "  <-- differs"
        print(f"{cid:<9} {subject[:28]:<28} {d:<13} {b:<9}{mark}")
    per_check = {}
    for cid, _, d, b in judged:
        total, same = per_check.get(cid, (0, 0))
        per_check[cid] = (total + 1, same + (d == b))
    differing = sorted((c for c, (t, s) in per_check.items() if s < t), key=sort_key)
    print()
    if differing:
        print("checks with disagreements (explained in docs/audit-compat.md):")
        for c in differing:
            t, s = per_check[c]
            print(f"  {c}: {s}/{t} agree")
    if bulkhead_only:
        print("Bulkhead-only findings (no docker-bench counterpart):",
              ", ".join(f"{k} ({len(v)})" for k, v in sorted(bulkhead_only.items())))
    rate = len(agree) / len(judged) if judged else 0.0
    print(f"\nagreement: {len(agree)}/{len(judged)} = {rate:.3f} over {len(per_check)} checks and "
          f"{len(containers)} containers ({len(rows) - len(judged)} rows not judged: INFO/NOTE, or manual in Bulkhead)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
