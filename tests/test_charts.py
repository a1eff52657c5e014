"""The pictures (npmcheck.render.charts): well-formed SVG and PNG in both languages, the same
bytes every time, unknown drawn apart from 0, and ids that let several share one page."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
import zlib
from typing import Any

import pytest

from conftest import FIXTURES, MINI
from npmcheck.render import charts
from npmcheck.views.assessment import CompareView

REPORT = FIXTURES / "report"
SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def plan(lang: str) -> Any:
    from npmcheck.commands.common import Common
    from npmcheck.commands.roadmap import build_plan

    return build_plan(Common(lang, [MINI, REPORT]), "reportland", None, None, None)


def pictures(lang: str) -> list[charts.Picture]:
    from npmcheck.views.assessment import assessment_view, compare_view
    from npmcheck.views.charts import timeline_chart_view

    r = plan(lang)
    return [charts.area_scores(assessment_view(r.assessment, lang)["areas"], lang),
            charts.timeline(timeline_chart_view(r, lang), lang),
            charts.compare_heatmap(compare_view([r.assessment], lang), lang)]


def texts(svg: str) -> str:
    """Every text the SVG shows, joined: drawn as outlines, each is also kept as a comment."""
    return " ".join(re.findall(r"<!-- (.*?) -->", svg, re.S))


def png_chunks(data: bytes) -> dict[bytes, bytes]:
    """Each chunk of a PNG by type, its CRC checked."""
    assert data.startswith(PNG_SIGNATURE)
    chunks: dict[bytes, bytes] = {}
    at = len(PNG_SIGNATURE)
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        chunks.setdefault(kind, body)
        at += 12 + length
    assert b"IEND" in chunks
    return chunks


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_picture_is_well_formed_svg_and_print_png(lang: str) -> None:
    for p in pictures(lang):
        root = ET.fromstring(p.svg)
        assert root.tag == f"{SVG}svg", p.name
        assert texts(p.svg), p.name
        chunks = png_chunks(p.png)
        width, height = struct.unpack(">II", chunks[b"IHDR"][:8])
        x_per_m, y_per_m, unit = struct.unpack(">IIB", chunks[b"pHYs"])
        assert unit == 1 and round(x_per_m * 0.0254) == charts.DPI == round(y_per_m * 0.0254)
        assert width == round(charts.WIDTH * charts.DPI), p.name  # the A4 text width
        assert height > 200
        assert p.alt


def test_pictures_speak_the_language_asked_for() -> None:
    en, ru = pictures("en"), pictures("ru")
    assert "score" in texts(en[0].svg) and "coverage" in texts(en[0].svg)
    assert "полнота" in texts(ru[0].svg) and "coverage" not in texts(ru[0].svg)
    assert "сегодня" in texts(ru[1].svg) and "today" in texts(en[1].svg)
    for p in ru:
        assert not re.search(r"\d\.\d", texts(p.svg)), p.name


def test_same_input_same_bytes() -> None:
    first, again = pictures("en"), pictures("en")
    for a, b in zip(first, again, strict=True):
        assert a.svg == b.svg and a.png == b.png, a.name


def test_ids_are_unique_across_pictures_in_one_page() -> None:
    ids = [i for p in pictures("en") for i in re.findall(r'id="([^"]+)"', p.svg)]
    assert ids and len(ids) == len(set(ids))
    for p in pictures("en"):  # every reference points inside its own picture
        own = set(re.findall(r'id="([^"]+)"', p.svg))
        assert set(re.findall(r'url\(#([^)]+)\)', p.svg)) <= own


def test_heatmap_draws_unknown_apart_from_zero() -> None:
    view: CompareView = {
        "catalogue": {"id": "opcat", "version": "1"},
        "countries": [{"id": c, "code": c[:2].upper(), "name": c, "region": None,
                       "as_of": "2026-01-01", "stage": {"id": "x", "label": "x"},
                       "score": None, "score_max": None, "coverage": None}
                      for c in ("Alpha", "Beta")],
        # Alpha: a known 0 in A; Beta: nothing known in A (no score), and in C (a score of 0,
        # as the assessment gives an area of which nothing is known)
        "areas": [{"id": "a", "title": "Area A", "scores": [0.0, None], "coverages": [50.0, None],
                   "unknown": [False, True]},
                  {"id": "b", "title": "Area B", "scores": [55.5, 100.0],
                   "coverages": [100.0, 100.0], "unknown": [False, False]},
                  {"id": "c", "title": "Area C", "scores": [12.5, 0.0],
                   "coverages": [100.0, 0.0], "unknown": [False, True]}],
        "criteria": [],
    }
    for lang, zero, unknown, half in (("en", "0.0", "unknown", "55.5"),
                                      ("ru", "0,0", "нет данных", "55,5")):
        picture = charts.compare_heatmap(view, lang)
        svg = picture.svg
        words = texts(svg).split()
        assert words.count(zero) == 1 and words.count(half) == 1
        assert texts(svg).count(unknown) == 3  # in the two unknown cells, and in the legend
        assert f"Area C {unknown}" in picture.alt
        assert "<pattern" in svg  # the hatching of the unknown cell


def test_area_chart_shows_unknown_as_its_own_part() -> None:
    areas: list[Any] = [
        {"id": "a", "title": "Known", "score": 40.0, "coverage": 100.0, "weight": 1,
         "counts": {}, "score_max": 40.0},
        {"id": "b", "title": "Half known", "score": 20.0, "coverage": 50.0, "weight": 1,
         "counts": {}, "score_max": 70.0},
        {"id": "c", "title": "Nothing known, US$ 5 and $x$", "score": None, "coverage": 0.0,
         "weight": 1,
         "counts": {}, "score_max": None},
    ]
    p = charts.area_scores(areas, "en")
    shown = texts(p.svg)
    assert "40.0 of 100; coverage 100.0%" in shown
    assert "20.0 of 100; coverage 50.0%" in shown
    assert "score unknown; coverage 0%" in shown
    assert "<pattern" in p.svg
    assert "Nothing known, US$ 5 and $x$" in shown  # a dollar sign is text, not mathematics


# ---------------------------------------------------------------- the pictures in each format

DATA = ("--data", MINI, "--data", REPORT)


def svgs(html: str) -> list[ET.Element]:
    """Each inline <svg> of an HTML page, parsed on its own."""
    blocks = re.findall(r"<svg\b.*?</svg>", html, re.S)
    return [ET.fromstring(b) for b in blocks]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_html_report_and_comparison_carry_their_pictures(cli, tmp_path, lang: str) -> None:
    target = tmp_path / "r.html"
    code, _, err = cli("report", "reportland", *DATA, "--lang", lang, "-o", target)
    assert code == 0, err
    pictures = svgs(target.read_text("utf-8"))
    assert len(pictures) == 2  # scores by area, timeline
    assert all(p.tag == f"{SVG}svg" and p.get("viewBox") for p in pictures)
    code, out, err = cli("compare", "--all", *DATA, "--lang", lang, "--format", "html")
    assert code == 0, err
    (heatmap,) = svgs(out)
    assert heatmap.find(f"{SVG}defs") is not None and texts(out)  # its text, drawn as glyphs


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_word_report_has_its_pictures_as_valid_png(cli, tmp_path, lang: str) -> None:
    import io
    import zipfile

    target = tmp_path / "r.docx"
    code, _, err = cli("report", "reportland", *DATA, "--lang", lang, "-o", target)
    assert code == 0, err
    with zipfile.ZipFile(target) as package:
        media = sorted(n for n in package.namelist() if n.startswith("word/media/"))
        images = [package.read(n) for n in media]
        document = package.read("word/document.xml").decode("utf-8")
    assert len(images) == 2 and all(n.endswith(".png") for n in media)
    for data in images:
        png_chunks(data)
    assert document.count("<pic:pic") == 2
    assert "descr=" in document  # each picture described for screen readers
    assert "█" not in document  # the pictures replace the text bars
    from docx import Document

    assert len(Document(io.BytesIO(target.read_bytes())).inline_shapes) == 2
