"""Ids made from titles and names, in other scripts too."""

from __future__ import annotations

from generator import slugs


def test_slugify_transliterates_other_scripts() -> None:
    assert slugs.slugify("Київ") == "kyiv"
    assert slugs.slugify("Pentagon: «repositioning», not withdrawal!") == (
        "pentagon-repositioning-not-withdrawal"
    )
    assert slugs.slugify("Запоріжжя і Харків") == "zaporizhzhia-i-kharkiv"
    assert slugs.slugify("Мединский объявил") == "medinskiy-obyavil"
    assert slugs.slugify("Russia’s moves") == "russias-moves"
    assert slugs.slugify("???") == "untitled"
