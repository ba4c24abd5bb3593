"""The criteria's texts in one home: the project's gettext catalogue.

A criterion's reason is read by caseworkers and printed in letters in bokmål, nynorsk and
English, like every other text of the project, so it is written once as an English message
and translated in the same catalogue as the pages and letters (``omsorg/locale/{nb,nn}``).
The criteria import no Django (they run in ``omsorg assess`` without a database), so they
read the compiled catalogue with the standard library's gettext; ``omsorg makemessages``
extracts the messages from calls to ``say`` and ``say_plural``.

A value given to a message is either the same in every language (a number of years) or a
mapping with one form per language (27,5 against 27.5; a label from the fact list).
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

LANGS = ("nb", "nn", "en")
LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `lang`; English is the messages themselves."""
    if lang == "en":
        return gettext.NullTranslations()
    # No fallback: a missing catalogue must fail loudly, not print English to a nynorsk user.
    return gettext.translation("django", LOCALE_DIR, languages=[lang])


def _values(values: Mapping[str, Any], lang: str) -> dict[str, Any]:
    return {
        name: value[lang] if isinstance(value, Mapping) else value for name, value in values.items()
    }


def say(message: str, **values: Any) -> dict[str, str]:
    """`message` in each language, with its %(name)s placeholders filled."""
    return {
        lang: catalogue(lang).gettext(message) % _values(values, lang)
        if values
        else catalogue(lang).gettext(message)
        for lang in LANGS
    }


def say_plural(singular: str, plural: str, n: int, **values: Any) -> dict[str, str]:
    """Like `say`, choosing the form by `n` ("1 natt", "2 netter"). `n` fills %(count)s
    unless a `count` value is given (27,5 shown, but the form chosen by a whole number)."""
    filled = {"count": n, **values}
    return {
        lang: catalogue(lang).ngettext(singular, plural, n) % _values(filled, lang)
        for lang in LANGS
    }


def per_language(make: Any) -> dict[str, str]:
    """A value in each language's form, e.g. ``per_language(lambda lang: number(27.5, lang))``."""
    return {lang: make(lang) for lang in LANGS}
