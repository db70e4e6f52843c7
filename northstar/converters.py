"""Address parts in the shapes the site issues them; anything else is a plain 404 before a view runs.

A NUL byte, say, would otherwise reach a query, where PostgreSQL refuses it with an error.
"""

from django.urls import register_converter


class TokenConverter:
    """An invitation or share link's secret: URL-safe base64 (accounts.models.new_token)."""

    regex = r"[A-Za-z0-9_-]{8,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class KeyConverter(TokenConverter):
    """A team's slug or a North Star's key (accounts.models.new_slug), at most as long as the column."""

    regex = r"[A-Za-z0-9_-]{1,12}"


register_converter(TokenConverter, "token")
register_converter(KeyConverter, "key")
