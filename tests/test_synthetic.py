"""The synthetic corpus: deterministic, valid, and shaped like a real chronicle."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from generator import build, synthetic
from tests.conftest import project_settings
from tests.helpers import ROOT


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, synthetic.CorpusStats]:
    folder = tmp_path_factory.mktemp("synthetic")
    return folder, synthetic.write_corpus(folder, 400, seed=3)


def test_same_seed_gives_identical_files(
    corpus: tuple[Path, synthetic.CorpusStats], tmp_path: Path
) -> None:
    folder, stats = corpus
    again = synthetic.write_corpus(tmp_path, 400, seed=3)
    assert again == stats
    assert digest(tmp_path) == digest(folder)


def test_another_seed_gives_another_corpus(
    corpus: tuple[Path, synthetic.CorpusStats], tmp_path: Path
) -> None:
    synthetic.write_corpus(tmp_path, 400, seed=4)
    assert digest(tmp_path) != digest(corpus[0])


def test_corpus_is_valid_and_complete(
    corpus: tuple[Path, synthetic.CorpusStats], tmp_path: Path
) -> None:
    folder, stats = corpus
    loaded, issues, _ = build.load(project_settings(tmp_path, folder / "content"))
    assert issues == []
    assert sorted(a.slug for a in loaded.articles) == sorted(stats.entry_ids)
    assert len(loaded.actors.items) == stats.actors and len(loaded.places.items) == stats.places
    assert sum(len(a.quotes) for a in loaded.articles) == stats.quotes
    responding = [q for a in loaded.articles for q in a.quotes if q.responds_to]
    assert len(responding) == stats.responses > 0


def test_actor_frequencies_are_skewed(
    corpus: tuple[Path, synthetic.CorpusStats], tmp_path: Path
) -> None:
    loaded, _, _ = build.load(project_settings(tmp_path, corpus[0] / "content"))
    counts = Counter(actor for a in loaded.articles for actor in a.actors)
    ranked = [n for _, n in counts.most_common()]
    assert ranked[0] > 10 * ranked[len(ranked) // 2]
    assert all(1 <= len(a.actors) <= 4 for a in loaded.articles)


def test_every_body_holds_its_own_marker_word(corpus: tuple[Path, synthetic.CorpusStats]) -> None:
    folder, stats = corpus
    bodies = {
        p.stem.split("-", 3)[3]: p.read_text()
        for p in (folder / "content").rglob("*.md")
        if "articles" in p.parts
    }
    markers = [synthetic.marker(i) for i in range(stats.articles)]
    assert len(set(markers)) == stats.articles
    for i, slug in enumerate(stats.entry_ids):
        assert markers[i] in bodies[slug]


def test_the_command_writes_a_project_that_builds(tmp_path: Path) -> None:
    """`python -m generator.synthetic --help` printed nothing: the module had no command."""
    folder = tmp_path / "big"
    (folder / "stale.md").parent.mkdir()
    (folder / "stale.md").write_text("left from before")
    done = subprocess.run(
        [sys.executable, "-m", "generator.synthetic", str(folder), "--records", "30"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"wrote 30 records into {folder}\n"
    assert not (folder / "stale.md").exists()
    assert (folder / "mkdocs.yml").is_file() and (folder / "site_config" / "overrides").is_dir()
    assert len(list((folder / "content" / "articles").rglob("*.md"))) == 30
    help_text = subprocess.run(
        [sys.executable, "-m", "generator.synthetic", "--help"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    ).stdout  # fmt: skip
    assert "chronicle build --root FOLDER" in " ".join(help_text.split())
    refused = subprocess.run(
        [sys.executable, "-m", "generator.synthetic", str(ROOT)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert refused.returncode == 2 and "holds this project" in refused.stderr
