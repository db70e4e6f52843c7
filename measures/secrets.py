"""Encrypting what a team gives us to reach its own systems (a SQL source's connection URL).

Fernet (from `cryptography`) with a key derived from NORTHSTAR_SECRETS_KEY: a database dump
alone does not reveal a team's passwords.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class Unreadable(Exception):
    """The secret was encrypted with another key: it must be entered again."""


def _fernet() -> Fernet:
    digest = hashlib.sha256(settings.NORTHSTAR_SECRETS_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise Unreadable(
            "The connection's password cannot be read with this server's NORTHSTAR_SECRETS_KEY; enter the URL again."
        ) from None
