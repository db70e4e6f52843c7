"""Normalising text people type, before it is stored and shown to everyone else.

Control characters (terminal escapes, bells), bidirectional overrides and
zero-width characters are invisible or make text run backwards: they let two
names look identical or a title display as something else. They are taken out.
Zero-width joiners stay, since emoji sequences and several scripts need them.
NUL bytes never get this far: Django's form fields refuse them with a message.
"""

import unicodedata

INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff\u00ad")
)


def _visible(value: str) -> str:
    value = unicodedata.normalize("NFC", value).translate(INVISIBLE)
    return "".join(ch for ch in value if ch.isspace() or unicodedata.category(ch) != "Cc")


def clean_line(value: str) -> str:
    """One line: invisible characters out, runs of whitespace squashed to one space."""
    return " ".join(_visible(value).split())


def clean_multiline(value: str) -> str:
    """Several lines: as clean_line for each, line breaks kept (at most one empty line in a row)."""
    lines = [clean_line(line) for line in _visible(value).splitlines()]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()
