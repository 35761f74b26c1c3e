"""Plural rules of the interface languages, as gettext ``Plural-Forms`` headers.

The catalogs in ``translations/`` must carry exactly these headers (``tools/i18n.py check``
verifies it); the runtime reads the rule from the compiled catalog, like any gettext program.
"""

from __future__ import annotations

import gettext

PLURAL_FORMS: dict[str, str] = {
    "en": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "kk": "nplurals=2; plural=(n!=1);",
}
"""The ``Plural-Forms`` header of each interface language."""


def num_plurals(lang: str) -> int:
    """How many plural forms ``lang`` has (``nplurals``)."""
    head = PLURAL_FORMS[lang].split(";", 1)[0]
    return int(head.split("=", 1)[1])


def plural_expression(lang: str) -> str:
    """The C expression of the ``plural=`` part of the header of ``lang``."""
    tail = PLURAL_FORMS[lang].split("plural=", 1)[1]
    return tail.rstrip().rstrip(";")


def plural_index(lang: str, n: int) -> int:
    """The index of the plural form ``lang`` uses for the number ``n``."""
    return int(gettext.c2py(plural_expression(lang))(n))


def same_plural_forms(header_value: str, lang: str) -> bool:
    """Whether a ``Plural-Forms`` header value states the rule of ``lang`` (spaces ignored)."""
    def squeeze(text: str) -> str:
        return "".join(text.split()).rstrip(";")

    return squeeze(header_value) == squeeze(PLURAL_FORMS[lang])
