"""Keep what was computed from a text between runs, by a digest of the text.

Reading records and rendering their bodies are pure functions of a file's text and of
the generator (`codeversion.code_version`); a chronicle of thousands of files changes a
few at a time, so most of that work can be looked up instead of redone. Values are
JSON, one line a value, in one file per kind of work beside the docs folder; a run
keeps only what it used, so removed records do not linger, and a new generator
version starts afresh.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.codeversion import code_version


class TextCache:
    """JSON values by digest of the text they were computed from."""

    def __init__(self, file: Path, reuse: bool = True) -> None:
        self.file = file
        self._version = code_version()
        self._before: dict[str, Any] = self._load() if reuse else {}
        self._after: dict[str, Any] = {}

    def get(self, text: str, compute: Callable[[], Any]) -> Any:
        """Return the value kept for `text`, or compute it; None is computed each time."""
        return self.get_by(digest(text), compute)

    def get_by(self, key: str, compute: Callable[[], Any]) -> Any:
        """Return `get`'s value for a text whose digest (`digest`) is `key`."""
        found = self._before.get(key)
        if found is None:
            found = self._after.get(key)
        if found is None:
            found = compute()
        if found is not None:
            self._after[key] = found
        return found

    def has(self, text: str) -> bool:
        """Say whether a value is kept for `text`."""
        key = digest(text)
        return key in self._before or key in self._after

    def save(self) -> None:
        """Keep the values this run used, through a temporary file and a rename.

        One JSON line a value, written as it goes: at 20,000 records the whole file as
        one string would cost a few hundred MB at the build's busiest moment. A run
        that computed nothing and used everything kept leaves the file as it is; one
        that used everything kept and computed a few new values appends those (a
        value depends on its key alone), instead of writing 20 MB again. A line cut
        short by a crash makes the whole file unreadable, so the next run starts afresh.
        """
        new = self._after.keys() - self._before.keys()
        if self._before.keys() <= self._after.keys() and self._before and self.file.is_file():
            if new:
                with self.file.open("a", encoding="utf-8") as out:
                    out.writelines(self._line(key) for key in sorted(new))
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as out:
            out.write(json.dumps({"version": self._version}) + "\n")
            out.writelines(self._line(key) for key in sorted(self._after))
        tmp.replace(self.file)

    def _line(self, key: str) -> str:
        return json.dumps([key, self._after[key]], separators=(",", ":")) + "\n"

    def _load(self) -> dict[str, Any]:
        try:
            with self.file.open(encoding="utf-8") as lines:
                head = json.loads(next(lines, "null"))
                if not isinstance(head, dict) or head.get("version") != self._version:
                    return {}
                return dict(json.loads(line) for line in lines)
        except (OSError, ValueError, TypeError):  # missing, cut short or not ours: start afresh
            return {}


def digest(text: str) -> str:
    """Return the digest a text is kept by."""
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
