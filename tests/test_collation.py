"""Names sort the way readers of their alphabet expect."""

from __future__ import annotations

from dataclasses import dataclass

from generator.collation import by_name, name_key

UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"


def test_ukrainian_letters_follow_the_alphabet() -> None:
    words = [letter + "а" for letter in UKRAINIAN_ALPHABET]
    shuffled = words[1::2] + words[::2]
    assert sorted(shuffled, key=name_key) == words
    assert sorted(["Ґонта", "Гя", "Ґа"], key=name_key) == ["Гя", "Ґа", "Ґонта"]
    assert sorted(["Їжак", "Ірпінь", "Йосип"], key=name_key) == ["Ірпінь", "Їжак", "Йосип"]


def test_code_point_order_would_be_wrong() -> None:
    names = ["Антон", "Єрмак", "Ярослав"]
    assert sorted(names) != names  # Є is U+0404, before А
    assert sorted(names, key=name_key) == names


def test_russian_yo_sorts_with_ye_and_latin_accents_with_their_letter() -> None:
    assert sorted(["Ёлка", "Едем", "Жук"], key=name_key) == ["Едем", "Ёлка", "Жук"]
    assert sorted(["Zelenskyy", "Éric", "Biden"], key=name_key) == ["Biden", "Éric", "Zelenskyy"]


def test_by_name_sorts_objects_and_is_total() -> None:
    @dataclass(frozen=True)
    class Named:
        name: str

    items = [Named("Київ"), Named("Ірпінь"), Named("Буча"), Named("київ")]
    assert [i.name for i in by_name(items)] == ["Буча", "Ірпінь", "київ", "Київ"]
    assert by_name(reversed(items)) == by_name(items)
