"""User text in the Markdown export, shown as text by whatever renders the Markdown.

A renderer turns raw HTML into markup and `#`, `*`, `[...](...)`, `|` into structure, so
text a person typed could otherwise run script in a wiki, link anywhere or break the page.
"""

import re

from django import template
from django.utils.encoding import iri_to_uri

register = template.Library()

# Emphasis, code spans, links and images, table cells, strikethrough, a heading's closing #.
INLINE = re.compile(r"([\\`*_\[\]|~#])")
# What makes a line a list item, a setext heading's underline or a numbered item.
LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))", re.MULTILINE)


def escaped(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = INLINE.sub(r"\\\1", text)
    return LINE_START.sub(lambda m: m[1] + (m[2] + "\\" if m[2][0].isdigit() else "\\" + m[2]), text)


@register.filter
def markdown_text(value: object) -> str:
    """Paragraphs of user text: their line breaks kept, everything else as typed."""
    return escaped(str(value))


@register.filter
def markdown_line(value: object) -> str:
    """User text on one line (a heading, a list item): line breaks become spaces."""
    return escaped(" ".join(str(value).split()))


@register.filter
def markdown_link(value: object) -> str:
    """An http(s) address as an autolink's inside: spaces and angle brackets encoded."""
    return iri_to_uri(str(value))
