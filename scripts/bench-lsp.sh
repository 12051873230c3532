#!/usr/bin/env bash
# `rebound lsp`, in release: a 2,000-line playbook open in the server, then 200 incremental
# changes (one word of a `say` line each, as typing does); each is timed from writing the
# didChange to reading the diagnostics it publishes, so the figure is the whole round
# trip: framing, applying the edit, check, UTF-16 positions, JSON. Median and worst.
source "$(dirname "$0")/bench-setup.sh"
python3 - "$bin" <<'PY'
import json, statistics, subprocess, sys, time

binary = sys.argv[1]
lines = ["playbook big \"Big\"", "version 1", "summary A long playbook for timing the editor.", ""]
steps = 200
for i in range(steps):
    exit_line = f"  next s{i + 1}" if i + 1 < steps else "  done resolved"
    lines += [
        f"step s{i} \"Step {i}\"",
        f"  say Tell the customer about step {i}.",
        f"  ask v{i} \"Value {i}?\"",
        f"  confirm \"You checked {{v{i}}}.\"",
        f"  draft \"Write about {{v{i}}}.\"",
        f"    expect mention {{v{i}}}, timeframe",
        f"    avoid \"per our policy\" because \"It reads as a quibble.\"",
        f"  follow-up in 2 days \"Check {{v{i}}}.\"",
        exit_line,
        "",
    ]
assert len(lines) >= 2000, len(lines)
text = "\n".join(lines) + "\n"

server = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()

def receive():
    length = None
    while True:
        line = server.stdout.readline()
        if line in (b"\r\n", b""):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(server.stdout.read(length))

def diagnostics(version):
    while True:
        message = receive()
        params = message.get("params", {})
        if message.get("method") == "textDocument/publishDiagnostics" and params.get("version") == version:
            return params["diagnostics"]

uri = "file:///bench/big.playbook"
send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
receive()
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": uri, "languageId": "rebound-playbook", "version": 1, "text": text}}})
assert diagnostics(1) == [], "the benchmark playbook should check clean"

times = []
for change in range(200):
    step = (change * 37) % steps
    line = 4 + step * 10 + 1
    word = "about" if change % 2 == 0 else "ABOUT"
    start = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": change + 2},
        "contentChanges": [{"range": {"start": {"line": line, "character": 24},
                                      "end": {"line": line, "character": 29}}, "text": word}]}})
    diagnostics(change + 2)
    times.append(time.perf_counter() - start)

send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
receive()
send({"jsonrpc": "2.0", "method": "exit"})
server.wait(timeout=10)
median = statistics.median(times) * 1000
worst = max(times) * 1000
print(f"rebound lsp: {len(lines)}-line playbook, 200 incremental changes: median {median:.2f} ms, worst {worst:.2f} ms")
print(f"METRIC\tlsp change to diagnostics, {len(lines):,}-line playbook (median)\t{median:.2f}\tms")
PY
