#!/usr/bin/env python3
"""Builds an OCI image layout (directory) from one or more root-filesystem layer directories.

Usage: make-oci-layout.py OUT_DIR REF_NAME LAYER_DIR [LAYER_DIR ...]
Each LAYER_DIR becomes one gzip-compressed layer (tar created by GNU tar, sorted, numeric owners),
bottom first. Used by bench/sbom.sh and by integration tests to make test images without Docker.
"""
import gzip, hashlib, json, os, shutil, subprocess, sys, tempfile

out, ref, layers = sys.argv[1], sys.argv[2], sys.argv[3:]
blobs = os.path.join(out, "blobs", "sha256")
os.makedirs(blobs, exist_ok=True)

def put(data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(blobs, digest), "wb") as f:
        f.write(data)
    return digest

layer_descs, diff_ids = [], []
for layer in layers:
    with tempfile.NamedTemporaryFile(delete=False) as tmp:
        tar_path = tmp.name
    subprocess.run(["tar", "--sort=name", "--numeric-owner", "-C", layer, "-cf", tar_path, "."], check=True)
    h_tar = hashlib.sha256()
    h_gz = hashlib.sha256()
    gz_path = tar_path + ".gz"
    with open(tar_path, "rb") as src, open(gz_path, "wb") as raw:
        class Tee:
            def write(self, b):
                h_gz.update(b)
                return raw.write(b)
            def flush(self):
                raw.flush()
        with gzip.GzipFile(fileobj=Tee(), mode="wb", compresslevel=6, mtime=0) as gz:
            while True:
                chunk = src.read(1 << 20)
                if not chunk:
                    break
                h_tar.update(chunk)
                gz.write(chunk)
    digest = h_gz.hexdigest()
    shutil.move(gz_path, os.path.join(blobs, digest))
    os.unlink(tar_path)
    size = os.path.getsize(os.path.join(blobs, digest))
    layer_descs.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                        "digest": "sha256:" + digest, "size": size})
    diff_ids.append("sha256:" + h_tar.hexdigest())

config = {
    "architecture": "amd64", "os": "linux",
    "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], "Cmd": ["/bin/sh"]},
    "rootfs": {"type": "layers", "diff_ids": diff_ids},
    "history": [{"created_by": f"layer {i}"} for i in range(len(layers))],
}
config_bytes = json.dumps(config, sort_keys=True).encode()
config_digest = put(config_bytes)
manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                       "digest": "sha256:" + config_digest, "size": len(config_bytes)},
            "layers": layer_descs}
manifest_bytes = json.dumps(manifest, sort_keys=True).encode()
manifest_digest = put(manifest_bytes)
index = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
         "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                        "digest": "sha256:" + manifest_digest, "size": len(manifest_bytes),
                        "annotations": {"org.opencontainers.image.ref.name": ref}}]}
with open(os.path.join(out, "index.json"), "w") as f:
    json.dump(index, f)
with open(os.path.join(out, "oci-layout"), "w") as f:
    json.dump({"imageLayoutVersion": "1.0.0"}, f)
print(json.dumps({"manifest": "sha256:" + manifest_digest, "layers": [d["digest"] for d in layer_descs]}))
