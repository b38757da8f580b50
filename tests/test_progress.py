"""Progress: counts shown on a terminal, nothing in CI or a log; stage times kept either way."""

from __future__ import annotations

import io

from generator.progress import Progress


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
