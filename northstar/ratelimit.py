"""Counting attempts per visitor in the shared cache, so every server process sees the same counts.

A fixed window per key: the first attempt starts it, and it ends `seconds` later.
Keys hold a hash, not the address or email itself.
"""

import hashlib
import ipaddress
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    name: str
    attempts: int
    seconds: int

    def key(self, identity: str) -> str:
        digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
        return f"ratelimit:{self.name}:{digest}"

    # Both fail open: while the cache (Redis) restarts, people keep joining and logging
    # in unlimited for a moment rather than meeting an error page.

    def is_exceeded(self, identity: str) -> bool:
        try:
            return (cache.get(self.key(identity)) or 0) >= self.attempts
        except Exception:
            logger.warning("Rate limit %s not checked: the cache is unavailable", self.name, exc_info=True)
            return False

    def count(self, identity: str) -> int:
        """Record one attempt; returns how many there were in this window (0 if the cache is down)."""
        key = self.key(identity)
        try:
            cache.add(key, 0, timeout=self.seconds)
            try:
                return cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=self.seconds)
                return 1
        except Exception:
            logger.warning("Rate limit %s not counted: the cache is unavailable", self.name, exc_info=True)
            return 0


def client_address(request: HttpRequest) -> str:
    """The visitor's address; IPv6 counts per /64, which one household or office usually holds.

    Behind a proxy named in TRUSTED_PROXIES, REMOTE_ADDR is already the visitor's (northstar/proxy.py).
    """
    raw = request.META.get("REMOTE_ADDR") or "unknown"
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def too_many_attempts(request: HttpRequest, minutes: int) -> HttpResponse:
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
