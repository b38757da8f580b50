"""Reproducible builds: one content gives a byte-identical site, whenever and wherever built."""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build_site

from tests.helpers import tree

SAVED_EPOCH = os.environ.get("SOURCE_DATE_EPOCH")

CYRILLIC_ACTORS = {
    "yaroslav": "Ярослав Яковенко",
    "anton": "Антон Антоненко",
    "gonta": "Ґонта Ґудзь",
    "hnat": "Гнат Гнатюк",
    "yermak": "Єрмак Єрмоленко",
    "yizhak": "Їжак Їжаченко",
    "irpin": "Ірина Іваненко",
    "ivan": "Иван Иванов",
}


def content_with_cyrillic_names(tmp: Path) -> Path:
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    for ident, name in CYRILLIC_ACTORS.items():
        (content / "actors" / f"{ident}.md").write_text(
            f"---\nname: {name}\nkind: person\n---\nA test person.\n", encoding="utf-8"
        )
    return content


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Build one content twice: other folders, other working directory, other file times."""
    first_root = tmp_path_factory.mktemp("first")
    content = content_with_cyrillic_names(first_root)
    first = build_site(first_root, content)
    second_root = tmp_path_factory.mktemp("second-build")
    content2 = content_with_cyrillic_names(second_root)
    for path in content2.rglob("*"):
        os.utime(path, (2_000_000_000, 2_000_000_000))  # files touched years later
    saved = {k: os.environ.get(k) for k in ("SOURCE_DATE_EPOCH", "TZ")}
    cwd = Path.cwd()
    try:
        os.chdir(second_root)
        os.environ["TZ"] = "Pacific/Kiritimati"  # a build machine fourteen hours ahead
        os.environ["SOURCE_DATE_EPOCH"] = "1999999999"  # ambient value: the content's wins
        second = build_site(second_root, content2)
    finally:
        os.chdir(cwd)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return first, second


def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (tree(s) for s in two_builds)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert any(name.startswith("pagefind/filter/") for name in first)  # the search index too


def test_no_build_folder_leaks_into_the_site(two_builds: tuple[Path, Path]) -> None:
    for built in two_builds:
        folder = str(built.parent).encode()
        assert [name for name, data in tree(built).items() if folder in data] == []


def test_sitemap_gzip_header_carries_the_content_date(two_builds: tuple[Path, Path]) -> None:
    """The example's newest date is its events' day, 29 March 2022 (its sources came out
    on the 30th, which is not the entries' own date): 2022-03-29 00:00 UTC is
    1648512000, in both builds, whatever their clock, time zone or SOURCE_DATE_EPOCH.
    Written out, not asked of `site.content_epoch`, which could not then be wrong."""
    for built in two_builds:
        raw = (built / "sitemap.xml.gz").read_bytes()
        assert int.from_bytes(raw[4:8], "little") == 1_648_512_000  # gzip's MTIME field
        assert gzip.decompress(raw) == (built / "sitemap.xml").read_bytes()


def test_environment_is_restored_after_a_build(two_builds: tuple[Path, Path]) -> None:
    assert os.environ.get("SOURCE_DATE_EPOCH") == SAVED_EPOCH


def test_names_on_the_actors_index_follow_the_alphabet(two_builds: tuple[Path, Path]) -> None:
    page = (two_builds[0] / "actors" / "index.html").read_text(encoding="utf-8")
    expected = ["Антон Антоненко", "Гнат Гнатюк", "Ґонта Ґудзь", "Єрмак Єрмоленко",
                "Иван Иванов", "Ірина Іваненко", "Їжак Їжаченко", "Ярослав Яковенко"]  # fmt: skip
    assert sorted(CYRILLIC_ACTORS.values(), key=page.index) == expected
