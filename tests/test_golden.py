"""The generated tree of the small fixture chronicle, compared byte for byte with golden files.

Any change to what the generator writes shows up here as a diff to review. After an
intended change, regenerate the golden tree and read the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

That run rewrites the tree and fails, so a rewrite is never taken for a pass; under
CI=true it is refused.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from generator import build, grouping
from tests.conftest import project_settings
from tests.helpers import FIXTURES, REWRITTEN, copy_mini, tree, updating_golden

GOLDEN = FIXTURES / "mini" / "golden"


def generated(tmp: Path) -> dict[str, bytes]:
    """Return every file the generator writes for the mini chronicle, but the copied assets."""
    settings = project_settings(tmp, copy_mini(tmp))
    corpus, issues, bodies = build.load(settings)
    assert issues == []
    copied = {str(o.path) for o in build.static_files(settings.site_config)}
    outputs = build.outputs(settings, grouping.group(corpus), bodies)
    return {str(o.path): o.made() for o in outputs if str(o.path) not in copied}


def golden() -> dict[str, bytes]:
    return tree(GOLDEN)


def test_generated_tree_matches_the_golden_tree(tmp_path: Path) -> None:
    actual = generated(tmp_path)
    if updating_golden():
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, data in actual.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
        pytest.fail(REWRITTEN)
    expected = golden()
    assert sorted(actual) == sorted(expected), "files added or removed: see the lists"
    for rel in sorted(actual):
        if actual[rel] != expected[rel]:
            diff = difflib.unified_diff(
                expected[rel].decode("utf-8", "replace").splitlines(),
                actual[rel].decode("utf-8", "replace").splitlines(),
                f"golden/{rel}", f"generated/{rel}", lineterm="",
            )  # fmt: skip
            raise AssertionError("\n".join(list(diff)[:60]))


def test_golden_files_are_not_rewritten_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """A CI run that rewrote them would compare the output with itself and pass."""
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="refused under CI=true"):
        updating_golden()
    monkeypatch.setenv("CI", "false")
    assert updating_golden()
    monkeypatch.delenv("UPDATE_GOLDEN")
    assert not updating_golden()
