"""`npmcheck site -o DIR`: every country, the comparison and the catalogue as a static site
in English and Russian that opens from a folder, with no network and no server."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from npmcheck import __version__
from npmcheck.commands.common import Common, generated_at, load
from npmcheck.commands.output import check_tree, write_tree
from npmcheck.diagnostics import usage_error
from npmcheck.i18n import tr
from npmcheck.render import registry
from npmcheck.render.cells import fmt_num
from npmcheck.values import LANGS

MANIFEST = "npmcheck-site.json"  # marks the folder as a site npmcheck wrote, with its files


def run(common: Common, output: Path, fmt: str = "html") -> int:
    from npmcheck.domain.roadmap import roadmap_for
    from npmcheck.views.site import site_view

    started = time.perf_counter()
    check_tree(output, MANIFEST)  # a folder that cannot take the site is refused at once
    ws = load(common)  # stops on a profile that cannot be loaded
    catalogue = ws.catalogue()
    profiles = [ws.profiles[p] for p in sorted(ws.profiles)]
    if not profiles:
        raise usage_error("E205", "no valid profiles to put in the site")
    other = next((p for p in profiles if p.catalogue != catalogue.id), None)
    if other is not None:
        raise usage_error("E204", "the site shows one catalogue, '{catalogue}'; the profile of "
                                  "{country} uses '{other}'", catalogue=catalogue.id,
                          country=other.country.name, other=other.catalogue)
    peers = list(ws.profiles.values())  # as `npmcheck report` has them
    plans = [roadmap_for(catalogue, p, peers, None, None, common.stale_after) for p in profiles]
    generated = generated_at().isoformat()
    langs = (common.lang, *(x for x in LANGS if x != common.lang))
    files = registry.render_files("site", fmt, site_view(catalogue, plans, langs, generated),
                                  registry.Options(common.lang))
    write_tree(output, files, MANIFEST, {"written_by": f"npmcheck {__version__}",
                                         "generated": generated})
    pages = sum(name.endswith(".html") for name in files)
    print(tr(common.lang, "Wrote {path}: {pages} pages in {seconds} s; open {index}",
             path=output, pages=pages, seconds=fmt_num(time.perf_counter() - started, common.lang),
             index=output / "index.html"), file=sys.stderr)
    return 0
