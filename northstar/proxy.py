"""Proxy headers count only when a trusted proxy sent them.

daphne gives each request the address of whoever opened the connection. Behind a reverse
proxy that is the proxy, and the visitor's address and scheme arrive in `X-Forwarded-For` and
`X-Forwarded-Proto`. Anyone can send those headers, so they are believed only from an
address in TRUSTED_PROXIES; from anyone else they are removed before Django's
`SECURE_PROXY_SSL_HEADER` or the rate limits could read them.
"""

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FORWARDED = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO")


def trusted_networks(entries: list[str]) -> list[Network]:
    """TRUSTED_PROXIES' addresses and ranges (`127.0.0.1`, `10.0.0.0/8`); raises ValueError on a bad one."""
    return [ipaddress.ip_network(entry, strict=False) for entry in entries]


def is_trusted(address: str, networks: list[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def forwarded_client(forwarded_for: str, networks: list[Network]) -> str | None:
    """The rightmost address in X-Forwarded-For that is not one of our proxies.

    Each proxy appends the address it heard from, so hops to the left of the first untrusted
    one were written by the visitor and prove nothing.
    """
    for hop in reversed([hop.strip() for hop in forwarded_for.split(",")]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return None
        if not is_trusted(hop, networks):
            return hop
    return None


class TrustedProxyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.networks = trusted_networks(settings.TRUSTED_PROXIES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        peer = request.META.get("REMOTE_ADDR", "")
        if self.networks and is_trusted(peer, self.networks):
            client = forwarded_client(request.META.get("HTTP_X_FORWARDED_FOR", ""), self.networks)
            if client:
                request.META["REMOTE_ADDR"] = client
        else:
            for header in FORWARDED:
                request.META.pop(header, None)
        return self.get_response(request)
