"""Building the offline site in a test and reading its pages back: links, ids, scripts."""

from __future__ import annotations

import fcntl
import os
import posixpath
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from conftest import ROOT

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z: the site's dates do not depend on the day
LINK_ATTRIBUTES = {"href", "src", "action", "srcset", "poster", "data", "formaction",
                   "xlink:href", "background", "cite", "manifest"}


# The site most tests read: the bundled catalogue with four of the bundled profiles (two
# parties, two non-parties). Every country costs two reports with their pictures (about 1 s),
# so the whole bundled site is built only by the slow test that opens every page.
SITE_COUNTRIES = ("georgia", "kazakhstan", "turkmenistan", "uzbekistan")


def build_site(folder: Path, cache: Path, *args: str,
               countries: tuple[str, ...] | None = None) -> subprocess.CompletedProcess[str]:
    """`npmcheck site -o FOLDER ARGS` in a process of its own, on the bundled data, or on the
    bundled catalogue and the bundled profiles of `countries` only."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("NPMCHECK_LANG", "NPMCHECK_PATH", "NPMCHECK_BUNDLED", "LC_ALL")}
    env.update(NPMCHECK_CACHE=str(cache), SOURCE_DATE_EPOCH=EPOCH, LANG="C.UTF-8",
               PYTHONPATH=str(ROOT / "src"))
    if countries is not None:
        data = folder.parent / f"{folder.name}-data"
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(ROOT / "criteria", data / "criteria")
        (data / "profiles").mkdir()
        for country in countries:
            shutil.copy(ROOT / "profiles" / f"{country}.yaml", data / "profiles")
        env["NPMCHECK_BUNDLED"] = "0"
        args = (*args, "--data", str(data))
    return subprocess.run([sys.executable, "-m", "npmcheck", "site", "-o", str(folder), *args],
                          capture_output=True, text=True, env=env, timeout=120, check=False)


def shared_site(tmp_path_factory: Any, cache: Path, *, every: bool = False) -> Path:
    """The site of SITE_COUNTRIES (of all the bundled data with `every`), built once for the
    whole run: the first test process to ask builds it under a lock in the run's common
    temporary folder (shared by every xdist worker); the others wait for it and read it."""
    common = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # a worker's folder lies in the run's folder
        common = common.parent
    name = "bundled-site-all" if every else "bundled-site"
    folder = common / name
    with (common / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not (folder / "npmcheck-site.json").is_file():
                done = build_site(folder, cache, countries=None if every else SITE_COUNTRIES)
                assert done.returncode == 0, done.stderr
                assert "Wrote" in done.stderr and "pages" in done.stderr
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return folder


@dataclass
class PageParts:
    lang: str | None = None
    title: str = ""
    links: list[tuple[str, str, str]] = field(default_factory=list)  # tag, attribute, value
    ids: set[str] = field(default_factory=set)
    scripts: list[tuple[str | None, str]] = field(default_factory=list)  # src, inline text
    styles: list[str] = field(default_factory=list)  # <style> and style="" texts
    other_language: tuple[str, str] | None = None  # href, hreflang of the switch


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts = PageParts()
        self._in: str | None = None
        self._script_src: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.parts.lang = values.get("lang")
        if "id" in values:
            self.parts.ids.add(values["id"])
        if values.get("id") == "other-language":
            self.parts.other_language = (values.get("href", ""), values.get("hreflang", ""))
        if "style" in values:
            self.parts.styles.append(values["style"])
        for name, value in values.items():
            if name in LINK_ATTRIBUTES:
                self.parts.links.append((tag, name, value))
        if tag in ("script", "style", "title"):
            self._in = tag
            self._script_src = values.get("src")
            if tag == "script":
                self.parts.scripts.append((self._script_src, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.parts.title += data
        elif self._in == "style":
            self.parts.styles.append(data)
        elif self._in == "script":
            src, text = self.parts.scripts[-1]
            self.parts.scripts[-1] = (src, text + data)


def read_page(path: Path) -> PageParts:
    reader = _Reader()
    reader.feed(path.read_text("utf-8"))
    reader.close()
    return reader.parts


def pages(site: Path) -> dict[str, PageParts]:
    """Every HTML page of the site by its relative POSIX path."""
    return {p.relative_to(site).as_posix(): read_page(p) for p in sorted(site.rglob("*.html"))}


def resolve(page: str, link: str) -> tuple[str, str]:
    """The file (relative to the site) and the fragment a relative link from `page` opens."""
    path, _, fragment = link.partition("#")
    path = path.partition("?")[0]
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    return target, fragment
