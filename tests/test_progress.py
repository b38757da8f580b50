"""Progress: counts shown on a terminal, nothing in CI or a log; stage times kept either way.

Times come from a clock the test moves by hand, so every assertion is an exact value
(in binary fractions, which add up exactly), never a relation between measured times.
"""

from __future__ import annotations

import io
from pathlib import PurePosixPath

from generator.progress import EVERY, Progress
from generator.writer import Output


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    """A clock that stands still until the test moves it."""

    def __init__(self) -> None:
        self.now = 0.0  # any start will do: only differences count

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_a_terminal_sees_the_final_count_of_each_step() -> None:
    stream = Terminal()
    progress = Progress.to(stream)
    assert list(progress.counted(range(1500), "records read")) == list(range(1500))
    assert stream.getvalue().endswith("\r1,500 records read\n")


def test_a_log_file_or_ci_gets_nothing() -> None:
    stream = io.StringIO()
    progress = Progress.to(stream)
    assert sum(progress.counted(range(10), "pages written")) == 45
    assert stream.getvalue() == ""


def test_the_count_is_shown_at_most_every_fifth_of_a_second_and_at_the_end() -> None:
    """A line rewritten for each of 20,000 records would cost more than the records."""
    assert EVERY == 0.2
    clock, stream = Clock(), Terminal()
    progress = Progress(stream, clock=clock)
    for _ in progress.counted(range(5), "records read"):
        clock.advance(0.125)  # the first count is shown, then every second one
    assert stream.getvalue() == (
        "\r1 records read\r3 records read\r5 records read\r5 records read\n"
    )


def test_stages_of_the_same_name_add_up() -> None:
    clock = Clock()
    progress = Progress(clock=clock)
    with progress.stage("render"):
        clock.advance(1.5)
    clock.advance(10.0)  # between stages: counted for none
    with progress.stage("render"):
        clock.advance(2.25)
    assert progress.seconds == {"render": 3.75}


def test_a_stage_inside_another_counts_for_itself_only() -> None:
    """Pages are rendered as the writer comes to them: rendering, not writing, time."""
    clock = Clock()
    progress = Progress(clock=clock)
    with progress.stage("write"):
        clock.advance(1.0)
        with progress.stage("render"):
            clock.advance(4.0)
        clock.advance(0.5)
    assert progress.seconds == {"write": 1.5, "render": 4.0}


def test_the_writers_maker_counts_what_it_makes_and_times_it() -> None:
    clock, stream = Clock(), Terminal()
    progress = Progress(stream, clock=clock)

    def made() -> bytes:
        clock.advance(0.25)  # rendering one page
        return b"x"

    outputs = [Output(PurePosixPath(f"{i}.md"), made) for i in range(3)]
    with progress.making("render", "pages rendered") as make:
        assert [make(o) for o in outputs] == [b"x"] * 3
        clock.advance(8.0)  # the writer's own time: not rendering
    shown = [f"\r{n} pages rendered" for n in (1, 2, 3, 3)]  # each, a quarter second apart
    assert stream.getvalue() == "".join(shown) + "\n"
    assert progress.seconds == {"render": 0.75}  # counted under the stage it names
