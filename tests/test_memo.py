"""Values kept by the very object they were computed from, one run to the next."""

from __future__ import annotations

from generator.memo import ByObject


class Record:
    """An object compared by identity, as the records a session keeps are looked up."""


def test_the_same_object_and_inputs_are_computed_once() -> None:
    memo: ByObject[str] = ByObject()
    calls: list[str] = []
    record = Record()

    def compute() -> str:
        calls.append("x")
        return f"value {len(calls)}"

    assert memo.get(record, "site", compute) == "value 1"
    assert memo.get(record, "site", compute) == "value 1"
    memo.settle()
    assert memo.get(record, "site", compute) == "value 1"  # kept from the last run
    assert calls == ["x"]
    assert memo.get(record, "other site", compute) == "value 2"  # another input: anew


def test_an_equal_but_other_object_is_computed_anew() -> None:
    memo: ByObject[int] = ByObject()
    first, second = [1, 2], [1, 2]  # equal values, two objects
    assert memo.get(first, None, lambda: 1) == 1
    assert memo.get(second, None, lambda: 2) == 2
    assert memo.has(first) and memo.has(second)


def test_what_a_run_did_not_ask_for_is_forgotten() -> None:
    memo: ByObject[str] = ByObject()
    kept, dropped = Record(), Record()
    memo.get(kept, None, lambda: "k")
    memo.get(dropped, None, lambda: "d")
    memo.settle()
    memo.get(kept, None, lambda: "again")
    memo.settle()
    assert memo.has(kept) and not memo.has(dropped)
