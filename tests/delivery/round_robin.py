"""A tiny round-robin HTTP proxy for tests: each request goes to the next backend in turn.

It stands in for the clinic's load balancer in front of several ``companion run --webhook``
processes. Test-only: no keep-alive tuning, no health checks, no TLS.
"""

from __future__ import annotations

import itertools
from collections import Counter

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

HOP_BY_HOP = {"host", "content-length", "connection", "transfer-encoding", "keep-alive"}


class RoundRobin:
    """``app`` forwards every request to the backends in turn; ``served`` counts them."""

    def __init__(self, backends: list[str]) -> None:
        self.backends = backends
        self._next = itertools.cycle(backends)
        self.served: Counter[str] = Counter()
        self.client = httpx.AsyncClient(timeout=60.0)
        self.app = Starlette(routes=[Route("/{path:path}", self._forward, methods=["GET", "POST"])])

    async def _forward(self, request: Request) -> Response:
        backend = next(self._next)
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        try:
            answer = await self.client.request(
                request.method,
                f"{backend}{request.url.path}",
                content=await request.body(),
                headers=headers,
            )
        except httpx.HTTPError:
            return Response(status_code=502)
        self.served[backend] += 1
        return Response(answer.content, status_code=answer.status_code)

    async def aclose(self) -> None:
        await self.client.aclose()
