#!/usr/bin/env python3
"""Independent expectations for the `bulkhead scan` correctness tests.

Reads the same real inputs as Bulkhead (image tarballs, secdb/OSV/Debian files) with Python's own
parsers and compares versions with the reference implementations (univers for apk, python-apt for
dpkg, packaging for PEP 440). Prints a JSON list of [package, id] pairs that must be reported.
"""
import io
import json
import os
import re
import sys
import tarfile

ID = re.compile(r"^(CVE-\d{4}-\d+|GHSA-[\w-]+|XSA-\d+|ALPINE-\d+)$")


# ---------------------------------------------------------------- Alpine
def apk_db_from_tar(tf):
    data = None
    for m in tf.getmembers():
        if m.name.lstrip("./") == "lib/apk/db/installed" and m.isfile():
            data = tf.extractfile(m).read()
    release = None
    for m in tf.getmembers():
        if m.name.lstrip("./") == "etc/alpine-release" and m.isfile():
            release = tf.extractfile(m).read().decode().strip()
    return data, release


def apk_inputs(image):
    tf = tarfile.open(image)
    names = tf.getnames()
    if "manifest.json" in names:  # docker save archive: layers in order, last writer wins
        manifest = json.load(tf.extractfile("manifest.json"))
        data = release = None
        for layer in manifest[0]["Layers"]:
            lt = tarfile.open(fileobj=io.BytesIO(tf.extractfile(layer).read()))
            d, r = apk_db_from_tar(lt)
            data, release = d or data, r or release
        return data, release
    return apk_db_from_tar(tf)


def parse_apk_db(data):
    packages = []
    for block in data.decode().split("\n\n"):
        fields = {}
        for line in block.splitlines():
            if len(line) > 2 and line[1] == ":":
                fields.setdefault(line[0], line[2:])
        if "P" in fields:
            packages.append((fields["P"], fields["V"], fields.get("o", fields["P"])))
    return packages


def secfixes_files(branch, corpus):
    import yaml

    out = []  # (origin, fixed, [ids])
    old = os.path.join(corpus, "vulndb/alpine-secdb-2020", "v" + branch)
    if os.path.isdir(old):
        for f in sorted(os.listdir(old)):
            doc = yaml.safe_load(open(os.path.join(old, f)))
            for p in doc.get("packages") or []:
                pkg = p["pkg"]
                for fixed, ids in (pkg.get("secfixes") or {}).items():
                    out.append((pkg["name"], str(fixed), ids or []))
    subset = os.path.join(corpus, "vulndb/alpine-secdb-vuln-list-subset")
    for f in sorted(os.listdir(subset)):
        if f.startswith(branch + "-"):
            doc = json.load(open(os.path.join(subset, f)))
            for fixed, ids in (doc.get("secfixes") or {}).items():
                out.append((doc["name"], str(fixed), ids or []))
    return out


def alpine(image, corpus):
    from univers.versions import AlpineLinuxVersion

    data, release = apk_inputs(image)
    branch = ".".join(release.split(".")[:2])
    fixes = {}
    for origin, fixed, ids in secfixes_files(branch, corpus):
        fixes.setdefault(origin, []).append((fixed, ids))
    expected = set()
    for name, version, origin in parse_apk_db(data):
        for fixed, ids in fixes.get(origin, []):
            if fixed == "0":
                continue
            try:
                affected = AlpineLinuxVersion(version) < AlpineLinuxVersion(fixed)
            except Exception:
                continue
            if affected:
                for entry in ids:
                    for token in str(entry).split():
                        if ID.match(token):
                            expected.add((name, token))
    return sorted(expected)


# ---------------------------------------------------------------- Debian
def dpkg_sources(root):
    """Installed packages → (binary name, source name, source version)."""
    out = []
    text = open(os.path.join(root, "var/lib/dpkg/status"), encoding="utf-8").read()
    for block in text.split("\n\n"):
        f = {}
        for line in block.splitlines():
            if line and not line[0].isspace() and ":" in line:
                k, v = line.split(":", 1)
                f[k] = v.strip()
        if "Package" not in f or "installed" not in f.get("Status", "").split():
            continue
        source, version = f["Package"], f["Version"]
        if "Source" in f:
            m = re.match(r"^(\S+)(?:\s+\((\S+)\))?$", f["Source"])
            source = m.group(1)
            version = m.group(2) or version
        out.append((f["Package"], source, version))
    return out


def debian_fixture(root, path):
    """Writes a Security Tracker JSON covering the image's source packages, every case once."""
    sources = sorted({(s, v) for _, s, v in dpkg_sources(root)})
    doc = {}
    for i, (source, version) in enumerate(sources):
        cve = "CVE-2099-%d" % (1000 + i)
        case = i % 8
        release = {"repositories": {"bookworm": version}, "urgency": "medium"}
        if case == 0:
            release.update(status="resolved", fixed_version=version + "+bh1")
        elif case == 1:
            release.update(status="resolved", fixed_version=version)
        elif case == 2:
            release.update(status="resolved", fixed_version="0", urgency="unimportant")
        elif case == 3:
            release.update(status="open", urgency="low")
        elif case == 4:
            release.update(status="open", urgency="low", nodsa="Minor issue", nodsa_reason="ignored")
        elif case == 5:
            release.update(status="undetermined", urgency="not yet assigned")
        elif case == 6:
            release.update(status="open", urgency="end-of-life")
        else:
            release.update(status="resolved", fixed_version="0.0.1-1", urgency="high")
        doc.setdefault(source, {})[cve] = {
            "description": "Synthetic entry %d for %s" % (i, source),
            "scope": "remote",
            "releases": {"bookworm": release, "bullseye": {"status": "open", "repositories": {}, "urgency": "low"}},
        }
    json.dump(doc, open(path, "w"), indent=1)


def debian(root, tracker, dsa, dla):
    import apt_pkg

    apt_pkg.init_system()
    doc = json.load(open(tracker))
    expected = set()
    installed = dpkg_sources(root)
    for binary, source, version in installed:
        for cve, entry in doc.get(source, {}).items():
            r = entry["releases"].get("bookworm")
            if not r:
                continue
            if r["status"] == "resolved":
                fixed = r.get("fixed_version", "0")
                if fixed != "0" and apt_pkg.version_compare(version, fixed) < 0:
                    expected.add((binary, cve))
            else:
                expected.add((binary, cve))
    # The real DSA/DLA lists: "[bookworm] - source version" lines.
    for path in (dsa, dla):
        cves = []
        for line in open(path, encoding="utf-8", errors="replace"):
            if line.startswith("["):
                cves = []
            elif line.strip().startswith("{"):
                cves = line.strip().strip("{}").split()
            m = re.match(r"^\s+\[bookworm\] - (\S+) (\S+)", line)
            if m and not m.group(2).startswith("<"):
                for binary, source, version in installed:
                    if source == m.group(1) and apt_pkg.version_compare(version, m.group(2)) < 0:
                        for c in cves:
                            expected.add((binary, c))
    return sorted(expected)


# ---------------------------------------------------------------- PyPI
def osv_affected(version, affected):
    from packaging.version import InvalidVersion, Version

    if version in (affected.get("versions") or []):
        return True
    v = Version(version)
    for r in affected.get("ranges") or []:
        if r.get("type") != "ECOSYSTEM":
            continue
        try:
            events = []
            for e in r.get("events") or []:
                (kind, value), = e.items()
                events.append((kind, value, None if value == "0" else Version(str(value))))
        except InvalidVersion:
            continue
        events.sort(key=lambda e: (e[2] is not None, e[2] or Version("0")))
        hit = False
        for kind, value, parsed in events:
            if kind == "introduced" and (parsed is None or v >= parsed):
                hit = True
            elif kind == "fixed" and v >= parsed:
                hit = False
            elif kind == "last_affected" and v > parsed:
                hit = False
            elif kind == "limit" and v >= parsed:
                hit = False
        if hit:
            return True
    return False


def pypi(site, archive):
    import yaml
    from packaging.utils import canonicalize_name

    installed = []
    for d in os.listdir(site):
        if d.endswith(".dist-info"):
            meta = {}
            for line in open(os.path.join(site, d, "METADATA"), encoding="utf-8"):
                if not line.strip():
                    break
                if ":" in line:
                    k, v = line.split(":", 1)
                    meta.setdefault(k, v.strip())
            installed.append((meta["Name"], meta["Version"]))
    wanted = {canonicalize_name(n): (n, v) for n, v in installed}
    expected = set()
    with tarfile.open(archive) as tf:
        for m in tf.getmembers():
            if not m.isfile() or not m.name.endswith(".yaml"):
                continue
            rec = yaml.safe_load(tf.extractfile(m))
            if not isinstance(rec, dict) or rec.get("withdrawn"):
                continue
            for a in rec.get("affected") or []:
                pkg = a.get("package") or {}
                if pkg.get("ecosystem") != "PyPI":
                    continue
                key = canonicalize_name(pkg.get("name", ""))
                if key in wanted:
                    name, version = wanted[key]
                    if osv_affected(version, a):
                        expected.add((name, rec["id"]))
    return sorted(expected)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "alpine":
        print(json.dumps(alpine(sys.argv[2], sys.argv[3])))
    elif mode == "debian-fixture":
        debian_fixture(sys.argv[2], sys.argv[3])
    elif mode == "debian":
        print(json.dumps(debian(*sys.argv[2:6])))
    elif mode == "pypi":
        print(json.dumps(pypi(sys.argv[2], sys.argv[3])))
    else:
        sys.exit("unknown mode " + mode)
