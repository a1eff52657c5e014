"""Shared helpers: run the CLI in-process, point at fixture data, isolate caches and settings."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from npmcheck.cli import main

# Some sandboxes and CI images set PYTHONDONTWRITEBYTECODE=1. Then every xdist worker and every
# CLI subprocess of the tests compiles the package and the test modules again (pytest's rewritten
# asserts included): a quarter of the suite's time. Their __pycache__ folders are git-ignored
# and left out of the wheel, so the tests keep bytecode whatever the environment says.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini"
PO = ROOT / "src" / "npmcheck" / "i18n" / "locale" / "ru" / "LC_MESSAGES" / "npmcheck.po"


def po_messages() -> dict[str, str]:
    """msgid -> msgstr of the Russian .po, read with Babel (a plural text by its first forms)."""
    from babel.messages.pofile import read_po

    with PO.open("rb") as file:
        catalog = read_po(file)
    entries = {}
    for m in catalog:
        if m.id and not m.fuzzy:
            msgid = m.id[0] if isinstance(m.id, tuple) else m.id
            entries[msgid] = m.string[0] if isinstance(m.string, tuple) else m.string
    return entries


@pytest.fixture(scope="session")
def _shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One validation cache for the whole run. Its keys hold every file's content, the code,
    the day and the working folder, so a test never sees another's data: it only skips
    validating the same bundled files again (about 2 s a time). A test about the cache itself
    asks for `fresh_cache`."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def fresh_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
                ) -> Path:
    """A cache of this test's own, empty at the start."""
    folder = tmp_path_factory.mktemp("fresh-cache")
    monkeypatch.setenv("NPMCHECK_CACHE", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, _shared_cache: Path) -> Iterator[None]:
    """No language or data settings from outside; the shared validation cache."""
    monkeypatch.setenv("NPMCHECK_CACHE", str(_shared_cache))
    for name in ("NPMCHECK_LANG", "NPMCHECK_PATH", "LC_ALL", "LC_MESSAGES", "NO_COLOR",
                 "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    # Tests run on their own fixture data unless they ask for the bundled data (`bundled`).
    monkeypatch.setenv("NPMCHECK_BUNDLED", "0")
    yield


@pytest.fixture
def bundled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the bundled catalogue and profiles (the repository's criteria/ and profiles/)."""
    monkeypatch.delenv("NPMCHECK_BUNDLED")


def run_cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Run `npmcheck ARGS` in this process; return (exit code, stdout, stderr)."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 0), out, err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """`cli("assess", "x")` -> (code, out, err)."""
    return lambda *args: run_cli(capsys, *args)


class Hang(BaseException):
    """Raised by the alarm: a BaseException, so that the CLI's error handling (which catches
    OSError and Exception) cannot absorb it and go on."""


@contextlib.contextmanager
def bounded(seconds: float) -> Iterator[None]:
    """Fail with Hang instead of waiting for ever (reading a pipe once did)."""
    def alarm(signum: int, frame: Any) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked slow are left out (with a reason) unless a marker expression is given
    (`-m slow`, `-m "slow or not slow"`)."""
    if config.getoption("markexpr"):
        return
    leave_out = pytest.mark.skip(reason="slow: left out by default; run with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(leave_out)


_PROBE = """
import json, sys
from npmcheck.cli import main
try:
    main(sys.argv[1:])
except SystemExit as e:
    code = e.code
sys.stdout.flush()
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def imported_by(cwd: Path, args: list[str], env: dict[str, str]) -> tuple[str, set[str]]:
    """(stdout, top-level modules imported) of `npmcheck ARGS` in a fresh process with `env`
    added to this one's environment."""
    import json
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _PROBE, *args], env={**os.environ, **env},
                          cwd=cwd, capture_output=True, text=True, timeout=120, check=False)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] in (0, None), done.stderr
    return done.stdout, {m.split(".")[0] for m in report["modules"]}
