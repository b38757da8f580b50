"""Ids made from titles and names: the part of a page's address an editor can read.

An id names a record's file and its page, so it is made once, when the record is
(`chronicle new`, the ACLED import), and never again from a changed title.
"""

from __future__ import annotations

from slugify import slugify as _slugify
from translitua import RussianInternationalPassport, UkrainianKMU, translit

SLUG_LENGTH = 80  # characters at most, cut at a word's end
_RUSSIAN_ONLY = frozenset("ыэъёЫЭЪЁ")
_APOSTROPHES = str.maketrans("", "", "'’ʼ`")


def slugify(text: str, max_length: int = SLUG_LENGTH) -> str:
    """Return a URL-safe id for any title, transliterating other scripts ("Київ" -> "kyiv").

    Cyrillic goes through the official national tables first (Ukrainian KMU 2010,
    or Russian when the text has letters only Russian uses), because generic
    transliteration spells place names as no reader knows them ("Kiiv").
    """
    table = RussianInternationalPassport if _RUSSIAN_ONLY & set(text) else UkrainianKMU
    latin = translit(text, table).translate(_APOSTROPHES)  # "Russia's" -> "russias"
    return _slugify(latin, max_length=max_length, word_boundary=True) or "untitled"
