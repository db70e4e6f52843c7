from django.urls import register_converter


class JoinCodeConverter:
    """A join code as people type it into an address (letters, digits, dashes, spaces).

    Anything else, a NUL byte for one (PostgreSQL refuses it in a query), is a plain 404
    before any view or socket looks it up.
    """

    regex = r"[A-Za-z0-9 _-]{1,24}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


# Registered once, here: both the HTTP and the WebSocket routes import this module.
register_converter(JoinCodeConverter, "code")
