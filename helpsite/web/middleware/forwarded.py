"""X-Forwarded-Proto/-For believed only from trusted proxies, decided without parsing.

granian's own wrapper (``granian.utils.proxies``) parses the peer's address with
``ipaddress`` on every request: 3.5 of the 6 microseconds of Python a visitor page
cost (bench/site_bench.py). Here the trusted addresses are normalised once, so a
request from a plain address is a set lookup; only CIDR ranges need a parse. No
address is kept: the peer is looked at and forgotten. The rules are granian's
(and uvicorn's ``proxy_headers``): from a trusted peer, the right-most untrusted
X-Forwarded-For address becomes the client and X-Forwarded-Proto the scheme.
"""

from __future__ import annotations

import ipaddress

from starlette.types import ASGIApp, Receive, Scope, Send

SCHEMES = frozenset({"http", "https"})


class Trusted:
    """The proxies allowed to speak for a client: ``*``, addresses, CIDR ranges or names."""

    def __init__(self, spec: str):
        hosts = [item.strip() for item in spec.split(",") if item.strip()]
        self.everyone = "*" in hosts
        self.literals: set[str] = set()
        self.networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for host in hosts:
            try:
                if "/" in host:
                    self.networks.append(ipaddress.ip_network(host, strict=False))
                else:
                    self.literals.add(str(ipaddress.ip_address(host)))  # its canonical form
            except ValueError:
                self.literals.add(host)  # a name, such as a unix socket's

    def __contains__(self, host: str | None) -> bool:
        if self.everyone or host in self.literals:
            return True
        if not host or not self.networks:
            return False
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in network for network in self.networks)


def believe(
    trusted: Trusted, peer: str | None, proto: str | None, forwarded_for: list[str]
) -> tuple[str, str | None] | None:
    """The client and scheme to believe for a request from ``peer``, or None (nothing).

    ``proto`` is the first X-Forwarded-Proto value, ``forwarded_for`` every
    X-Forwarded-For value in order. Shared by this middleware and the RSGI front (rsgi.py),
    so both see the same scheme.
    """
    if peer not in trusted:
        return None
    hosts = [host.strip() for value in forwarded_for for host in value.split(",")]
    hosts = [host for host in hosts if host]
    if not hosts:
        return None
    if trusted.everyone:
        client = hosts[0]
    else:
        client = next((host for host in reversed(hosts) if host not in trusted), hosts[0])
    proto = proto.strip() if proto else None
    return client, proto if proto in SCHEMES else None


class ForwardedHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, trusted: str):
        self.app = app
        self.trusted = Trusted(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        if client and client[0] in self.trusted and scope["type"] in ("http", "websocket"):
            self._believe(scope, client[0])
        await self.app(scope, receive, send)

    def _believe(self, scope: Scope, peer: str) -> None:
        proto: str | None = None
        seen_proto = False
        forwarded: list[str] = []
        for name, value in scope["headers"]:
            if name == b"x-forwarded-proto" and not seen_proto:
                proto, seen_proto = value.decode("latin-1"), True
            elif name == b"x-forwarded-for":
                forwarded.append(value.decode("latin-1"))
        believed = believe(self.trusted, peer, proto, forwarded)
        if believed is None:
            return
        client, scheme = believed
        scope["client"] = (client, 0)
        if scheme is not None:
            scope["scheme"] = scheme if scope["type"] == "http" else scheme.replace("http", "ws")
