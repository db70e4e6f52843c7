"""Adjustments to the server that runs the ASGI app (daphne on Twisted)."""


def skip_twisted_form_parsing() -> None:
    """Leave request bodies to Django.

    Twisted parses every urlencoded or multipart POST body into `request.args`, which
    daphne never reads: it hands the raw body to Django, which parses it again. Twisted's
    parse starts by reading the Content-Type header through the `email` package, and
    under a room full of autosaves that alone took about an eighth of the server's CPU.
    Twisted has a constructor flag for exactly this; daphne does not pass it, so it is
    defaulted here.
    """
    try:
        from daphne.http_protocol import WebRequest
    except ImportError:  # not served by daphne
        return
    if getattr(WebRequest, "leaves_bodies_to_django", False):
        return
    original = WebRequest.__init__

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("parsePOSTFormSubmission", False)
        original(self, *args, **kwargs)

    WebRequest.__init__ = __init__
    WebRequest.leaves_bodies_to_django = True
