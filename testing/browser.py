"""A minimal headless Chromium driver over the DevTools protocol (tests only).

Starts Debian's chromium with a throwaway profile and no network features,
connects to its first page over a websocket, and offers navigate / evaluate /
screenshot, the console errors and exceptions seen so far, every URL requested,
and the markup inside closed shadow roots (where Material puts diagrams).
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import websocket

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars"]


class Browser:
    def __init__(self, width: int = 1280, height: int = 900) -> None:
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-")
        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-port=0",
             "--remote-allow-origins=*", f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = self._port()
        targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json").read())
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.next_id = 0
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.loaded = False
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def _port(self) -> int:
        marker = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if marker.exists() and marker.read_text().strip():
                return int(marker.read_text().split()[0])
            if self.proc.poll() is not None:
                raise RuntimeError("chromium exited at start")
            time.sleep(0.05)
        raise RuntimeError("chromium did not open its DevTools port")

    def _event(self, message: dict[str, Any]) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append("console: " + " ".join(
                str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.errors.append("exception: " + str(
                details.get("exception", {}).get("description", details.get("text"))))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.errors.append(f"log: {entry.get('text')} {entry.get('url', '')}")
        elif method == "Network.requestWillBeSent":
            self.requests.append(params.get("request", {}).get("url", ""))
        elif method == "Page.loadEventFired":
            self.loaded = True

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        wanted = self.next_id
        self.ws.send(json.dumps({"id": wanted, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self._event(message)

    def goto(self, url: str) -> None:
        self.loaded = False
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + 30
        while not self.loaded and time.monotonic() < deadline:
            self._event(json.loads(self.ws.recv()))
        if not self.loaded:
            raise RuntimeError(f"page did not load: {url}")
        self.eval("new Promise(r => setTimeout(r, 300))")  # let deferred scripts run

    def eval(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True,
                           returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def wait_for(self, condition: str, seconds: float = 20) -> None:
        """Wait until the JavaScript expression is truthy, across page navigations."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                if self.eval(condition):
                    return
                self.eval("new Promise(r => setTimeout(r, 100))")
            except RuntimeError as exc:  # the page navigated while we asked
                if "navigated" not in str(exc) and "context" not in str(exc):
                    raise
                time.sleep(0.1)
            if time.monotonic() > deadline:
                raise RuntimeError(f"timed out waiting for {condition}")

    def shadow_markup(self, css_class: str) -> list[str]:
        """Outer HTML of the children of the shadow roots of elements with css_class,
        closed roots included (the DOM domain sees through them)."""
        root = self.call("DOM.getDocument", depth=-1, pierce=True)["root"]
        found: list[str] = []
        stack = [root]
        while stack:
            node = stack.pop()
            attrs = node.get("attributes", [])
            classes = dict(zip(attrs[::2], attrs[1::2], strict=True)).get("class", "").split()
            if css_class in classes:
                for shadow in node.get("shadowRoots", []):
                    for child in shadow.get("children", []):
                        found.append(self.call("DOM.getOuterHTML",
                                               backendNodeId=child["backendNodeId"])["outerHTML"])
            stack += node.get("children", []) + node.get("shadowRoots", [])
        return found

    def screenshot(self, path: Path, full: bool = True) -> None:
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=full)
        path.write_bytes(base64.b64decode(data["data"]))

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            shutil.rmtree(self.profile, ignore_errors=True)
