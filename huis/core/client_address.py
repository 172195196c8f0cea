"""The visitor's own address behind the house's proxies, for the rate limits and the audit log.

Behind nginx every request comes from 127.0.0.1: without this, ten sign-ups a minute would be
shared by the whole house and the audit log would name 127.0.0.1 for everyone. The proxies the
house runs itself are listed in `HUIS_TRUSTED_PROXIES` (networks; env TRUSTED_PROXIES). Only when
the request comes from one of them is X-Forwarded-For believed, and then only its right end: the
hops our own proxies added. Whatever a client writes into the header itself stays to the left of
the address our proxy saw, so a forged header cannot get around a limit. The header is parsed and
the address picked by django-ipware (python-ipware), not by hand.

`ClientAddressMiddleware` (first in MIDDLEWARE) puts the visitor's address in REMOTE_ADDR, so
every reader agrees: django-ratelimit, allauth's own limits and session list, and the audit log.
"""

import functools
import ipaddress
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from ipware import get_client_ip
from python_ipware.modern.parsers import parse_ip, split_proxy_chain

HEADER = "HTTP_X_FORWARDED_FOR"
# Where the middleware keeps what it found, and the address the request really came from.
RESOLVED = "HUIS_CLIENT_ADDR"
PEER = "HUIS_PEER_ADDR"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """The setting's networks ("127.0.0.1/32", "10.0.0.0/8", "::1"); a typo fails at start-up."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(f"TRUSTED_PROXIES: {value!r} is not a network.") from exc
    return tuple(networks)


@functools.lru_cache(maxsize=16)
def _networks(values: tuple[str, ...]) -> tuple[Network, ...]:
    """The setting, parsed once per value (not on every request)."""
    return trusted_networks(values)


def _is_trusted(address, networks: tuple[Network, ...]) -> bool:
    if isinstance(address, str):
        return _is_trusted_text(address, networks)
    return any(address.version == net.version and address in net for net in networks)


@functools.lru_cache(maxsize=4096)
def _is_trusted_text(address: str, networks: tuple[Network, ...]) -> bool:
    ip = parse_ip(address)
    if ip is None:
        return False
    return any(ip.version == net.version and ip in net for net in networks)


def resolve(request: HttpRequest) -> str:
    """The visitor's address: the peer itself, unless the peer is one of our proxies."""
    meta = request.META
    peer = meta.get(PEER) or meta.get("REMOTE_ADDR") or ""
    forwarded = meta.get(HEADER)
    if not forwarded:  # nobody in between: the peer is the visitor
        return peer
    networks = _networks(tuple(getattr(settings, "HUIS_TRUSTED_PROXIES", ())))
    if not _is_trusted(peer, networks):
        return peer
    chain = split_proxy_chain(forwarded, False) or []
    # Our own proxies appended themselves at the right end; the first address from the right
    # that is not one of them is the visitor as our outermost proxy saw them.
    hops = 0
    for ip in reversed(chain[1:]):
        if not _is_trusted(ip, networks):
            break
        hops += 1
    client, _routable = get_client_ip(
        request, proxy_count=hops, request_header_order=[HEADER], strict=False
    )
    return client or peer


def client_ip(request: HttpRequest) -> str:
    """The visitor's address, as the middleware found it (or found now, outside a request)."""
    return request.META.get(RESOLVED) or resolve(request)


class ClientAddressMiddleware:
    """REMOTE_ADDR becomes the visitor's address; the proxy's stays in META["HUIS_PEER_ADDR"]."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        # Fail at start-up, not on the first request, when the setting has a typo.
        trusted_networks(getattr(settings, "HUIS_TRUSTED_PROXIES", ()))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        if RESOLVED not in meta:
            address = resolve(request)
            meta[PEER] = meta.get("REMOTE_ADDR", "")
            meta[RESOLVED] = meta["REMOTE_ADDR"] = address
        return self.get_response(request)
