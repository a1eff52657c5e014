"""Shared helpers: run the CLI in-process, point at fixture data, isolate caches and settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from npmcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini"


@pytest.fixture(autouse=True)
def _isolated(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Each test gets its own validation cache and no language or data settings from outside."""
    monkeypatch.setenv("NPMCHECK_CACHE", str(tmp_path_factory.mktemp("cache")))
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
