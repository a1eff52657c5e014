"""A headless Chromium driven through its DevTools protocol, with the standard library only.

Chromium is started with --remote-debugging-pipe: it reads commands from file descriptor 3 and
writes answers and events to 4, each a JSON message ended by a NUL byte, so no websocket client
(and no playwright) is needed. `Browser.open(url)` loads a page and returns what went wrong on
it: console errors, uncaught exceptions, failed requests, and any request outside file://.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-extensions", "--mute-audio",
         "--remote-debugging-pipe")


_TRAMPOLINE = ("import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
               "os.execv(sys.argv[3], sys.argv[3:])")


def find() -> str | None:
    """The Chromium program (Debian's `chromium`), or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class Page:
    url: str  # where the page ended up (after a click or a form)
    problems: list[str] = field(default_factory=list)  # empty when the page loaded cleanly


class Browser:
    def __init__(self, program: str, timeout: float = 20) -> None:
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="npmcheck-chromium-")
        self._log = Path(self._profile, "stderr.txt").open("wb")  # noqa: SIM115 (closed in close)
        to_chrome, self._out = _high(os.pipe())
        self._in, from_chrome = _high(os.pipe())
        # a small Python puts the pipes on descriptors 3 and 4 and becomes the browser (the
        # shell cannot: dash takes one-digit descriptors only); the launcher keeps them open
        self._proc = subprocess.Popen(
            [sys.executable, "-c", _TRAMPOLINE, str(to_chrome), str(from_chrome), program,
             *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            pass_fds=(to_chrome, from_chrome), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=self._log)
        os.close(to_chrome)
        os.close(from_chrome)
        self._buffer = b""
        self._id = 0
        self._events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self.call("Target.attachToTarget",
                                  {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError, TimeoutError, RuntimeError):
            self.call("Browser.close")
        try:
            self._proc.wait(10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(10)
        os.close(self._out)
        os.close(self._in)
        self._log.close()
        shutil.rmtree(self._profile, ignore_errors=True)

    # ------------------------------------------------------------ protocol

    def _last_words(self) -> str:
        self._log.flush()
        lines = Path(self._profile, "stderr.txt").read_text("utf-8", "replace").splitlines()
        return " | ".join(line for line in lines if "dbus" not in line)[-600:]

    def _send(self, method: str, params: dict[str, Any] | None, session: bool) -> int:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self._session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        return self._id

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._in], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed its pipe: " + self._last_words())
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        answer: dict[str, Any] = json.loads(message)
        return answer

    def call(self, method: str, params: dict[str, Any] | None = None,
             session: bool = False) -> dict[str, Any]:
        number = self._send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self._events.append(message)

    def _wait_for_load(self) -> None:
        deadline = time.monotonic() + self.timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self._events):
            self._events.append(self._receive(deadline))

    # ------------------------------------------------------------ pages

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url: str) -> Page:
        """Load `url` and report every problem of the load."""
        self._events = []
        self.call("Page.navigate", {"url": url}, session=True)
        return self._settle()

    def follow(self, expression: str) -> Page:
        """Run `expression` (a click, a form submitted) and report the page it leads to."""
        self._events = []
        self.evaluate(expression)
        return self._settle()

    def _settle(self) -> Page:
        self._wait_for_load()
        self.evaluate("new Promise(done => setTimeout(done, 30))")  # let scripts on load run
        return Page(self.evaluate("location.href"), self._problems())

    def _problems(self) -> list[str]:
        found = []
        for event in self._events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails'].get('text')} "
                             f"{params['exceptionDetails'].get('exception', {})}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error",
                                                                                 "assert"):
                found.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"log: {params['entry'].get('text')} {params['entry'].get('url')}")
            elif method == "Network.loadingFailed":
                found.append(f"failed request: {params.get('errorText')}")
            elif method == "Network.requestWillBeSent":
                requested = params["request"]["url"]
                if not requested.startswith(("file://", "data:", "about:")):
                    found.append(f"request outside the site: {requested}")
        return found


def _high(pair: tuple[int, int]) -> tuple[int, int]:
    """The two descriptors moved to 10 or above, so that putting them on 3 and 4 cannot
    overwrite one of them before it is moved."""
    moved = tuple(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in pair)
    for fd in pair:
        os.close(fd)
    return moved[0], moved[1]
