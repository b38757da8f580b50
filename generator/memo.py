"""Values computed from a record, remembered for as long as it is the very same object.

A long-running process (the live preview, `session`) makes a record once and keeps
the object from run to run while its file is unchanged; whatever a run computed from
it (its export line, say) can then be looked up by the object instead of computed
again. Only the very same object counts (it is kept alive here, so its id stays
unique), with the same `extra` inputs; what a run did not ask for is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class ByObject(Generic[V]):
    """Values by the object they were computed from, and the other inputs they needed."""

    def __init__(self) -> None:
        self._kept: dict[int, tuple[object, Hashable, V]] = {}
        self._used: dict[int, tuple[object, Hashable, V]] = {}

    def get(self, source: object, extra: Hashable, compute: Callable[[], V]) -> V:
        """Return `compute()`, or what it returned before for `source` and `extra`."""
        kept = self._kept.get(id(source)) or self._used.get(id(source))
        if kept is None or kept[0] is not source or kept[1] != extra:
            kept = (source, extra, compute())
        self._used[id(source)] = kept
        return kept[2]

    def has(self, source: object) -> bool:
        """Say whether a value is kept for this very object (whatever its other inputs)."""
        kept = self._kept.get(id(source)) or self._used.get(id(source))
        return kept is not None and kept[0] is source

    def settle(self) -> None:
        """End a run: keep what it asked for, forget the rest."""
        self._kept, self._used = self._used, {}
