"""Writing profiles back: the house-style YAML writer and the splice that changes only what
changed (every bundled profile comes back byte for byte; any text reads back as itself)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINI, ROOT
from npmcheck.edit import answers, splice, yamlout
from npmcheck.edit.profile import slug, source_id
from npmcheck.load.yamlio import load_text

BUNDLED = sorted((ROOT / "profiles").glob("*.yaml"))


def data_of(text: str) -> dict[str, Any]:
    doc, problems = load_text(text, "<test>")
    assert doc is not None, problems
    return doc.data


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_unchanged_data_gives_the_same_bytes(path: Path):
    text = path.read_text("utf-8")
    assert splice.update(text, copy.deepcopy(data_of(text))) == text


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_a_whole_profile_written_afresh_reads_back(path: Path):
    data = data_of(path.read_text("utf-8"))
    written = yamlout.document(data)
    assert data_of(written) == data
    # long texts are folded; what cannot be (a web address, a list of ids) stays on its line
    assert all(len(line) <= 100 or line.lstrip().startswith("url:") or line.endswith("]")
               or ': "' in line for line in written.splitlines())


def test_one_changed_field_changes_one_line():
    path = ROOT / "profiles" / "kyrgyzstan.yaml"
    text = path.read_text("utf-8")
    data = data_of(text)
    data["findings"]["designation.legal-basis"]["status"] = "met"
    out = splice.update(text, data)
    old, new = text.splitlines(), out.splitlines()
    assert len(old) == len(new)
    assert [(a, b) for a, b in zip(old, new, strict=True) if a != b] == [
        ("    status: partial", "    status: met")]


def test_comments_and_flow_style_around_a_change_are_kept():
    text = ("# header comment\ncountry: {id: x, code: XX, name: X}  # inline\nas_of: 2026-01-01\n"
            "\n# the findings\nfindings:\n  a.b: {status: met, sources: [s]}  # kept\n"
            "  c.d:\n    status: partial\n    sources: [s]\n\nsources:\n  - {id: s, "
            "publisher: P, title: T}\n")
    data = data_of(text)
    data["findings"]["c.d"]["status"] = "not_met"
    data["findings"]["e.f"] = {"status": "unknown", "note": ("A long note " * 12).strip()}
    data["sources"].append({"id": "t", "publisher": "Q", "title": "Title: with a colon"})
    out = splice.update(text, data)
    assert data_of(out) == data
    for kept in ("# header comment", "country: {id: x, code: XX, name: X}  # inline",
                 "# the findings", "  a.b: {status: met, sources: [s]}  # kept",
                 "  - {id: s, publisher: P, title: T}"):
        assert kept in out.splitlines()
    assert '    title: "Title: with a colon"' in out
    assert "    note: >-" in out


def test_a_new_section_gets_a_blank_line_before_and_after():
    text = (MINI / "profiles" / "operating.yaml").read_text("utf-8")
    data = data_of(text)
    del data["findings"]
    bare = yamlout.document(data)
    data = data_of(bare)
    items = list(data.items())
    items.insert(len(items) - 1, ("findings", {"mandate.pre-mapping": {"status": "unknown",
                                                                     "note": "n"}}))
    out = splice.update(bare, dict(items))
    assert "\n\nfindings:\n  mandate.pre-mapping:\n    status: unknown\n    note: n\n\nsources:" \
        in out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200))
def test_any_text_is_written_so_that_it_reads_back(value: str):
    """Plain, quoted or folded: whatever the writer picks reads back as the same text."""
    for key in ("note", "title"):
        text = yamlout.block(key, value, 0)
        doc, problems = load_text(text, "<t>")
        if doc is None:  # the reader refuses what YAML forbids (control characters): fine
            assert problems
            continue
        assert doc.data == {key: value}, text
    mapping = yamlout.block("note", {"en": value, "ru": value}, 2)
    doc, _ = load_text(mapping, "<t>")
    assert doc is None or doc.data == {"note": {"en": value, "ru": value}}


@pytest.mark.parametrize(("word", "status"), [
    ("met", "met"), ("M", "met"), ("Выполнено", "met"), ("partly", "partial"),
    ("Partly met", "partial"), ("частично", "partial"), ("выполнено частично", "partial"),
    ("not met", "not_met"), ("not_met", "not_met"), ("НЕ выполнено", "not_met"),
    ("unknown", "unknown"), ("нет данных", "unknown"), ("n/a", "not_applicable"),
    ("не применимо", "not_applicable"), ("Неприменимо", "not_applicable"),
    ("maybe", None), ("", None)])
def test_status_words(word: str, status: str | None):
    assert answers.status(word) == status


def test_dates_and_ids():
    assert answers.date_value(answers.date("2025")) == 2025
    assert answers.date_value(answers.date("2025-09")) == "2025-09"
    for bad in ("2025-9", "09.2025", "2025-02-30", "June"):
        with pytest.raises(ValueError):
            answers.date(bad)
    assert slug("Омбудсмен Кыргызстана") == "ombudsmen-kyrgyzstana"
    data = {"sources": [{"id": "apt-2008-07-07"}]}
    assert source_id(data, "Association for the Prevention of Torture (APT)",
                     "2008-07-07") == "apt-2008-07-07-2"
    assert source_id(data, "Омбудсмен", None) == "ombudsmen"
