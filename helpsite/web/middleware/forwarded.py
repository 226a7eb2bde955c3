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


class ForwardedHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, trusted: str):
        self.app = app
        self.trusted = Trusted(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        if client and client[0] in self.trusted and scope["type"] in ("http", "websocket"):
            self._believe(scope)
        await self.app(scope, receive, send)

    def _believe(self, scope: Scope) -> None:
        proto = None
        forwarded: list[str] = []
        for name, value in scope["headers"]:
            if name == b"x-forwarded-proto" and proto is None:
                proto = value.decode("latin-1").strip() or None
            elif name == b"x-forwarded-for":
                forwarded += [h.strip() for h in value.decode("latin-1").split(",")]
        forwarded = [host for host in forwarded if host]
        if not forwarded:
            return
        client = next((h for h in reversed(forwarded) if h not in self.trusted), forwarded[0])
        if self.trusted.everyone:
            client = forwarded[0]
        scope["client"] = (client, 0)
        if proto in SCHEMES:
            scope["scheme"] = proto if scope["type"] == "http" else proto.replace("http", "ws")
