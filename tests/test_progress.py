"""Progress: counts shown on a terminal, nothing in CI or a log; stage times kept either way."""

from __future__ import annotations

import io
from pathlib import PurePosixPath

from generator.progress import Progress
from generator.writer import Output


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


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


def test_stages_of_the_same_name_add_up() -> None:
    progress = Progress()
    with progress.stage("render"):
        pass
    first = progress.seconds["render"]
    with progress.stage("render"):
        sum(range(100_000))
    assert progress.seconds["render"] > first >= 0
    assert list(progress.seconds) == ["render"]


def test_a_stage_inside_another_counts_for_itself_only() -> None:
    """Pages are rendered as the writer comes to them: rendering, not writing, time."""
    progress = Progress()
    with progress.stage("write"), progress.stage("render"):
        sum(range(300_000))
    inner, outer = progress.seconds["render"], progress.seconds["write"]
    assert inner > 0 and 0 <= outer < inner


def test_the_writers_maker_counts_what_it_makes_and_times_it() -> None:
    stream = Terminal()
    progress = Progress.to(stream)
    made = [Output(PurePosixPath(f"{i}.md"), lambda: b"x") for i in range(3)]
    with progress.making("render", "pages rendered") as make:
        assert [make(o) for o in made] == [b"x"] * 3
    assert stream.getvalue().endswith("\r3 pages rendered\n")
    assert progress.seconds["render"] > 0  # counted under the stage it names
