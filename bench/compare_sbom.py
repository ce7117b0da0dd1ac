#!/usr/bin/env python3
"""Compares Bulkhead's Debian package list with distro2sbom's and debsbom's on the same rootfs,
and prints the time ratio against the faster peer. Usage: compare_sbom.py WORK_DIR"""
import json, sys

work = sys.argv[1]
ours = {(p["name"], p["version"]) for p in json.load(open(f"{work}/minbase-bulkhead.json"))["packages"] if p["type"] == "deb"}

d2s = json.load(open(f"{work}/minbase-distro2sbom.json"))
d2s_pk = {(c["name"], c.get("version", "")) for c in d2s.get("components", []) if c.get("type") != "operating-system"}
dsb = json.load(open(f"{work}/minbase-debsbom.cdx.json"))
# debsbom lists binary packages and their source packages (purl arch=source); compare binaries.
dsb_pk = {(c["name"], c.get("version", "")) for c in dsb.get("components", []) if "arch=source" not in c.get("purl", "")}

for name, peer in (("distro2sbom", d2s_pk), ("debsbom", dsb_pk)):
    only_ours, only_peer = sorted(ours - peer), sorted(peer - ours)
    print(f"{name}: {len(peer)} packages, bulkhead {len(ours)}; common {len(ours & peer)}; "
          f"only bulkhead {len(only_ours)} {only_ours[:5]}; only {name} {len(only_peer)} {only_peer[:5]}")

r = {x["command"]: x["mean"] for x in json.load(open(f"{work}/peers.json"))["results"]}
faster = min(("distro2sbom", "debsbom"), key=lambda k: r[k])
print(f"time: bulkhead {r['bulkhead']*1000:.1f} ms, distro2sbom {r['distro2sbom']*1000:.0f} ms, "
      f"debsbom {r['debsbom']*1000:.0f} ms; faster peer {faster} / bulkhead = {r[faster]/r['bulkhead']:.1f}x")
