#!/usr/bin/env python3
"""Feed server for FeedDownloadTests: serves files from --root on 127.0.0.1 (random free port).

Every file is served with a strong ETag (first 32 hex digits of its SHA-256) and Last-Modified; a
matching If-None-Match (or, without one, an If-Modified-Since not older than the file) gets 304.

Fault injection by query string (the counters are per full request path, query included):
  fail=S&count=N[&retry_after=R]  the first N requests answer status S (with Retry-After: R)
  status=S                        always answer status S
  truncate=1                      announce the full Content-Length, send half, close the connection
  lie=N                           announce Content-Length N, send the real body, close
  chunked=1                       chunked transfer encoding, no Content-Length
  stall=S                         send the head and 1 KiB of body, then sleep S seconds
  drip=MS                         send the body in 1 KiB pieces, MS milliseconds apart
  delay=S                         sleep S seconds before answering (for concurrency tests)
GET /__stats returns JSON {"counts": {path: n}, "max_inflight": n}.
The port is written to --port-file (atomically); the server exits when its parent process dies.
"""
import argparse
import email.utils
import hashlib
import json
import os
import signal
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
COUNTS = {}
INFLIGHT = [0, 0]  # current, maximum


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    root = "."

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        parsed = urllib.parse.urlsplit(self.path)
        if parsed.path == "/__stats":
            with LOCK:
                body = json.dumps({"counts": COUNTS, "max_inflight": INFLIGHT[1]}).encode()
            self.send_bytes(200, body, {"Content-Type": "application/json"})
            return
        with LOCK:
            COUNTS[self.path] = COUNTS.get(self.path, 0) + 1
            number = COUNTS[self.path]
            INFLIGHT[0] += 1
            INFLIGHT[1] = max(INFLIGHT[1], INFLIGHT[0])
        try:
            self.serve(parsed, urllib.parse.parse_qs(parsed.query), number)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            with LOCK:
                INFLIGHT[0] -= 1

    def send_bytes(self, status, body, headers=None):
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def hang_up(self):
        self.wfile.flush()
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.close_connection = True

    def serve(self, parsed, query, number):
        def arg(name, default=None):
            return query.get(name, [default])[0]

        if arg("delay"):
            time.sleep(float(arg("delay")))
        if arg("fail") and number <= int(arg("count", "1")):
            headers = {"Retry-After": arg("retry_after")} if arg("retry_after") else {}
            self.send_bytes(int(arg("fail")), b"injected failure\n", headers)
            return
        if arg("status"):
            self.send_bytes(int(arg("status")), b"injected status\n")
            return
        relative = urllib.parse.unquote(parsed.path).lstrip("/")
        path = os.path.normpath(os.path.join(self.root, relative))
        if not path.startswith(os.path.abspath(self.root) + os.sep) or not os.path.isfile(path):
            self.send_bytes(404, b"not found\n")
            return
        with open(path, "rb") as handle:
            data = handle.read()
        mtime = int(os.stat(path).st_mtime)
        etag = '"%s"' % hashlib.sha256(data).hexdigest()[:32]
        validators = {"ETag": etag, "Last-Modified": email.utils.formatdate(mtime, usegmt=True)}
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is not None:
            if inm.strip() == "*" or etag in [tag.strip() for tag in inm.split(",")]:
                self.send_not_modified(validators)
                return
        elif ims is not None:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                since = None
            if since is not None and mtime <= since:
                self.send_not_modified(validators)
                return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        for key, value in validators.items():
            self.send_header(key, value)
        if arg("chunked"):
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for start in range(0, len(data), 16384):
                piece = data[start:start + 16384]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
            return
        if arg("lie"):
            self.send_header("Content-Length", arg("lie"))
            self.end_headers()
            self.wfile.write(data)
            self.hang_up()
            return
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if arg("truncate"):
            self.wfile.write(data[: len(data) // 2])
            self.hang_up()
        elif arg("stall"):
            self.wfile.write(data[:1024])
            self.wfile.flush()
            time.sleep(float(arg("stall")))
            self.hang_up()
        elif arg("drip"):
            for start in range(0, len(data), 1024):
                self.wfile.write(data[start:start + 1024])
                self.wfile.flush()
                time.sleep(float(arg("drip")) / 1000)
        else:
            self.wfile.write(data)

    def send_not_modified(self, validators):
        self.send_response(304)
        for key, value in validators.items():
            self.send_header(key, value)
        self.end_headers()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--port-file", required=True)
    options = parser.parse_args()
    # The test runner may spawn us with SIGTERM blocked; make it end the server at once.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    Handler.root = os.path.abspath(options.root)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    temporary = options.port_file + ".tmp"
    with open(temporary, "w") as handle:
        handle.write(str(server.server_address[1]))
    os.replace(temporary, options.port_file)
    parent = os.getppid()

    def watch_parent():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch_parent, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
