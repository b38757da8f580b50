"""Actors and places by id, name and alias: one name, one entity, or an error saying so."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.issues import Issue
from generator.models import Actor, ActorKind
from generator.registry import Registry


def actor(ident: str, name: str, *aliases: str) -> Actor:
    return Actor(id=ident, name=name, kind=ActorKind.PERSON,
                 source_path=Path(f"content/actors/{ident}.md"), aliases=aliases)  # fmt: skip


def registry(*actors: Actor) -> tuple[Registry[Actor], list[Issue]]:
    issues: list[Issue] = []
    return Registry.build("actor", actors, issues), issues


def test_ids_names_and_aliases_resolve_whatever_their_case_and_spacing() -> None:
    found, issues = registry(actor("volodymyr-zelenskyy", "Volodymyr Zelenskyy", "Zelensky"))
    for name in ("volodymyr-zelenskyy", "volodymyr  ZELENSKYY", "zelensky"):
        assert found.resolve(name) == "volodymyr-zelenskyy", name
    assert issues == []


def test_a_name_two_people_share_stands_for_neither() -> None:
    """Picking one would attribute a statement to someone who did not make it."""
    found, issues = registry(
        actor("john-smith-general", "John Smith"), actor("john-smith-reporter", "John Smith")
    )
    assert issues == []  # two people may share a name
    assert found.resolve("John Smith") is None
    assert found.unknown("John Smith") == (
        "'John Smith' names 2 actors, 'john-smith-general' and 'john-smith-reporter': "
        "write the id of one"
    )
    assert found.resolve("john-smith-reporter") == "john-smith-reporter"


@pytest.mark.parametrize("other", ["a-smith", "z-smith"])  # whichever id sorts first
def test_an_alias_that_is_another_ones_name_is_the_mistake(other: str) -> None:
    found, issues = registry(actor(other, "Anna Smith", "Smith"), actor("b-smith", "Smith"))
    assert found.resolve("Smith") == "b-smith"
    assert [(i.path.name, i.message) for i in issues] == [
        (f"{other}.md", "alias 'Smith' already names actor 'b-smith'")
    ]


def test_an_alias_two_entities_have_is_a_mistake_in_both_and_stands_for_neither() -> None:
    found, issues = registry(actor("a", "Alpha", "AB"), actor("b", "Beta", "AB"))
    assert sorted((i.path.name, i.message) for i in issues) == [
        ("a.md", "alias 'AB' is also an alias of actor 'b'"),
        ("b.md", "alias 'AB' is also an alias of actor 'a'"),
    ]
    assert found.resolve("AB") is None
    assert found.unknown("AB") == "'AB' names 2 actors, 'a' and 'b': write the id of one"


def test_an_alias_another_entity_has_is_an_error_in_the_file_that_adds_it() -> None:
    _, issues = registry(actor("a", "Alpha"), actor("b", "Beta", "Alpha"))
    assert [(i.path.name, i.field, i.message) for i in issues] == [
        ("b.md", "aliases[0]", "alias 'Alpha' already names actor 'a'")
    ]


def test_an_id_always_names_its_own_entity() -> None:
    found, issues = registry(actor("nato", "NATO"), actor("other", "Other", "nato"))
    assert found.resolve("nato") == "nato"
    assert [i.message for i in issues] == ["alias 'nato' already names actor 'nato'"]


def test_an_unknown_name_suggests_the_closest() -> None:
    found, _ = registry(actor("john-kirby", "John Kirby"))
    assert found.unknown("Kirbey") == "unknown actor 'Kirbey' (did you mean 'john-kirby'?)"


def test_a_name_like_nothing_known_is_new_and_a_typo_or_a_shared_name_is_not() -> None:
    found, _ = registry(
        actor("john-kirby", "John Kirby", "Kirby"),
        actor("john-smith-general", "John Smith"),
        actor("john-smith-reporter", "John Smith"),
    )
    assert found.suggestions("Kirbi") == ["john-kirby"]
    assert not found.new_name("Kirbi")
    assert not found.new_name("john smith")
    assert found.new_name("Dmytro Kuleba") and found.suggestions("Dmytro Kuleba") == []
