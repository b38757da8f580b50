"""Stage timings and progress counts of one build, shown live on a terminal only.

A build of tens of thousands of records runs for a while; on a terminal the editor
sees records read and pages written go up. In CI or a log file (not a TTY) nothing is
printed, because a line rewritten a thousand times is noise there. The same object
keeps the seconds each stage took, which `make bench` prints as its table.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO, TypeVar

if TYPE_CHECKING:  # the writer's types only: this module imports nothing of ours
    from generator.writer import Data, Output

T = TypeVar("T")
EVERY = 0.2  # seconds between two updates of the progress line


@dataclass
class Progress:
    """Seconds per stage, and a live count on `stream` when it is given (a terminal).

    `clock` gives the seconds stages are timed by and updates are spaced by: any
    steady count from any start (a test gives its own, to know the times exactly).
    """

    stream: TextIO | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    clock: Callable[[], float] = time.perf_counter
    _shown: float = -math.inf  # when the line was last shown: never yet
    _open: list[str] = field(default_factory=list)  # the stages timing now, innermost last

    @classmethod
    def to(cls, stream: TextIO) -> Progress:
        """Return a Progress that shows counts on `stream` only if it is a terminal."""
        return cls(stream if stream.isatty() else None)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time a stage; stages of the same name add up.

        A stage timed inside another counts for itself, not for the one around it:
        pages are rendered as the writer comes to them, and that is rendering time.
        """
        start = self.clock()
        around = self._open[-1] if self._open else None
        self._open.append(name)
        try:
            yield
        finally:
            self._open.pop()
            elapsed = self.clock() - start
            self.seconds[name] = self.seconds.get(name, 0.0) + elapsed
            if around is not None:
                self.seconds[around] = self.seconds.get(around, 0.0) - elapsed

    @contextmanager
    def making(self, stage: str, what: str) -> Iterator[Callable[[Output], Data]]:
        """Give what makes an output's bytes for the writer (`writer.write`), timed as
        `stage` and counted on the terminal as `what` ("6,728 pages rendered")."""
        done = 0

        def make(out: Output) -> Data:
            nonlocal done
            with self.stage(stage):
                data = out.made()
            done += 1
            self._show(what, done, final=False)
            return data

        yield make
        self._show(what, done, final=True)

    def counted(self, items: Iterable[T], what: str) -> Iterator[T]:
        """Yield `items`, showing how many have passed ("5,000 records read")."""
        done = 0
        for item in items:
            done += 1
            self._show(what, done, final=False)
            yield item
        self._show(what, done, final=True)

    def _show(self, what: str, done: int, final: bool) -> None:
        if self.stream is None:
            return
        now = self.clock()
        if not final and now - self._shown < EVERY:
            return
        self._shown = now
        self.stream.write(f"\r{done:,} {what}" + ("\n" if final else ""))
        self.stream.flush()
