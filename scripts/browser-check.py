#!/usr/bin/env python3
"""Checks `rebound review --format html` in a real browser (headless Chromium).

    scripts/browser-check.py REPORT.html --out DIR [--sessions N] [--section ID ...]
                             [--hostile TEXT ...] [--timeout SECONDS]

Loads the report at 1280, 820 and 400 px wide (400 as a phone) and, at each width, with every session closed and
then with every session's <details> open: asserts that the page is no wider than the window,
that no table scrolls sideways, that every section named is present, that the page holds no script, no image, no frame and
no event-handler attribute (so crafted transcript text stayed text), that each string given
with --hostile is shown as text, that there are N session <details>, and that the browser
reported no Content-Security-Policy violation or script error. Saves a full-page PNG for
each width and state in DIR.

Drives Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe), with the
standard library only: nothing to install from PyPI. Every step has a timeout, so a hung
browser fails the check instead of hanging CI. Exit status: 0 passed, 1 failed, 2 no browser.
"""

import argparse
import base64
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

WIDTHS = [(1280, 900, False), (820, 900, False), (400, 800, True)]


def find_browser():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """One headless Chromium, spoken to over fds 3 (to it) and 4 (from it)."""

    def __init__(self, path, timeout):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="rebound-browser-")
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()

        def child_fds():
            # Chromium reads commands on fd 3 and writes on fd 4. Both ends are first
            # moved above 10, so the two dup2 calls cannot overwrite each other.
            high_read = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
            high_write = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
            os.dup2(high_read, 3)
            os.dup2(high_write, 4)

        arguments = [
            path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe",
            "--user-data-dir=" + self.profile, "about:blank",
        ]
        self.process = subprocess.Popen(
            arguments, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, preexec_fn=child_fds, pass_fds=(3, 4), start_new_session=True)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def close(self):
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for fd in (self.to_browser, self.from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the browser did not answer in time")
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("the browser closed its pipe (did it start?)")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        return json.loads(message)

    def send(self, method, params=None, session=None):
        """Sends a command and waits for its answer, keeping the events that come first."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method, session=None):
        deadline = time.monotonic() + self.timeout
        for index, event in enumerate(self.events):
            if event.get("method") == method and event.get("sessionId") == session:
                del self.events[index]
                return event
        while True:
            event = self._read_message(deadline)
            if event.get("method") == method and event.get("sessionId") == session:
                return event
            self.events.append(event)


# Runs in the page (through the protocol, not the page's own scripts, which it has none of).
MEASURE = r"""
(() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > WIDTH + 1 && e.getClientRects().length)
    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
      + (typeof e.className === 'string' && e.className ? '.' + e.className : '')
      + ' in ' + (e.parentElement ? e.parentElement.tagName.toLowerCase() + '.' + e.parentElement.className : '')
      + ' to ' + Math.round(e.getBoundingClientRect().right) + ' px');
  const handlers = [...document.querySelectorAll('*')].flatMap(e =>
    [...e.attributes].filter(a => a.name.toLowerCase().startsWith('on')).map(a => e.tagName + ' ' + a.name));
  return JSON.stringify({
    innerWidth: window.innerWidth,
    scrollWidth: Math.max(root.scrollWidth, document.body.scrollWidth),
    wide: wide,
    sections: [...document.querySelectorAll('section[id], header[id]')].map(s => s.id),
    scrollers: [...document.querySelectorAll('.table')].filter(e => e.scrollWidth > e.clientWidth + 1).length,
    scripts: document.querySelectorAll('script').length,
    images: document.querySelectorAll('img, image, iframe, object, embed, frame').length,
    links: [...document.querySelectorAll('a[href]')].filter(a => !a.getAttribute('href').startsWith('#')).length,
    handlers: handlers.slice(0, 5),
    details: document.querySelectorAll('#sessions details.session').length,
    strayDetails: document.querySelectorAll('details:not(.session)').length,
    text: document.body.innerText,
    pwned: typeof window.__rebound_pwned !== 'undefined',
    viewport: !!document.querySelector('meta[name=viewport]'),
  });
})()
"""


def check(arguments):
    failures = []
    browser_path = find_browser()
    if not browser_path:
        print("browser-check: no Chromium (apt-get install chromium)", file=sys.stderr)
        return 2
    os.makedirs(arguments.out, exist_ok=True)
    report = "file://" + os.path.abspath(arguments.report)
    browser = Browser(browser_path, arguments.timeout)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            browser.send(domain + ".enable", session=session)
        for width, height, mobile in WIDTHS:
            browser.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}, session=session)
            browser.send("Page.navigate", {"url": report}, session=session)
            browser.wait_for("Page.loadEventFired", session=session)
            for state in ("closed", "open"):
                if state == "open":
                    browser.send(
                        "Runtime.evaluate",
                        {"expression": "document.querySelectorAll('details').forEach(d => d.open = true)"},
                        session=session)
                    time.sleep(0.2)
                result = browser.send(
                    "Runtime.evaluate", {"expression": MEASURE.replace("WIDTH", str(width)), "returnByValue": True},
                    session=session)
                page = json.loads(result["result"]["value"])
                where = f"{width} px, sessions {state}"
                # A phone's layout viewport grows to fit content that overflows, so the page is
                # measured against the width asked for, not window.innerWidth.
                if page["scrollWidth"] > width or page["innerWidth"] > width:
                    failures.append(
                        f"{where}: the page is {page['scrollWidth']} px wide in a {width} px window "
                        f"(too wide: {', '.join(page['wide'])})")
                if page["scrollers"]:
                    failures.append(f"{where}: {page['scrollers']} tables scroll sideways")
                missing = [s for s in arguments.section if s not in page["sections"]]
                if missing:
                    failures.append(f"{where}: sections missing: {', '.join(missing)}")
                if page["scripts"] or page["images"] or page["handlers"] or page["links"] or page["pwned"]:
                    failures.append(
                        f"{where}: active content: {page['scripts']} scripts, {page['images']} images or frames, "
                        f"{page['links']} links out, handlers {page['handlers']}")
                if page["strayDetails"]:
                    failures.append(f"{where}: {page['strayDetails']} <details> outside the session list")
                if arguments.sessions is not None and page["details"] != arguments.sessions:
                    failures.append(f"{where}: {page['details']} session <details>, not {arguments.sessions}")
                if not page["viewport"]:
                    failures.append(f"{where}: no viewport meta")
                if state == "open":
                    for text in arguments.hostile:
                        if text not in page["text"]:
                            failures.append(f"{where}: {text!r} is not shown as text")
                metrics = browser.send("Page.getLayoutMetrics", session=session)
                size = metrics.get("cssContentSize") or metrics["contentSize"]
                shot = browser.send(
                    "Page.captureScreenshot",
                    {"format": "png", "captureBeyondViewport": True,
                     "clip": {"x": 0, "y": 0, "width": width, "height": min(size["height"], 16000), "scale": 1}},
                    session=session)
                if state == "closed":
                    top = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
                    with open(os.path.join(arguments.out, f"review-{width}-top.png"), "wb") as file:
                        file.write(base64.b64decode(top["data"]))
                path = os.path.join(arguments.out, f"review-{width}-{state}.png")
                with open(path, "wb") as file:
                    file.write(base64.b64decode(shot["data"]))
                print(f"browser-check: {where}: {page['scrollWidth']}/{page['innerWidth']} px, "
                      f"{page['details']} sessions, wrote {path}")
        for event in browser.events:
            method = event.get("method")
            if method == "Runtime.exceptionThrown":
                failures.append(f"a script ran and failed: {event['params']['exceptionDetails'].get('text')}")
            elif method == "Log.entryAdded":
                entry = event["params"]["entry"]
                if "Content Security Policy" in entry.get("text", "") or entry.get("source") == "security":
                    failures.append(f"the browser blocked something: {entry.get('text')}")
    except (TimeoutError, RuntimeError, OSError, KeyError, ValueError) as error:
        failures.append(f"browser: {error}")
    finally:
        browser.close()
    for failure in failures:
        print("browser-check: FAIL " + failure, file=sys.stderr)
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("report")
    parser.add_argument("--out", required=True, help="folder for the PNG screenshots")
    parser.add_argument("--sessions", type=int, help="how many session <details> the list must have")
    parser.add_argument("--section", action="append", default=[], help="an id the page must have (repeat)")
    parser.add_argument("--hostile", action="append", default=[], help="text that must be shown as text (repeat)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds for each step (default 30)")
    arguments = parser.parse_args()
    # A hung browser must not outlive the whole check either.
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError("the whole check timed out")))
    signal.alarm(int(arguments.timeout * 8))
    sys.exit(check(arguments))


if __name__ == "__main__":
    main()
