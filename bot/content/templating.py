"""The Jinja2 environment of the clinic's messages, whose compiled templates are shared.

Each language has an environment of its own, and the content is loaded again for every
check of a copy of it (``companion content check``, the tests). A template's source always
compiles to the same code in these environments, which are all configured alike, so the
code is kept once per process: compiling 1,100 messages took most of a content check.
"""

from __future__ import annotations

from types import CodeType
from typing import Any

from jinja2 import Environment, nodes

_COMPILED: dict[tuple[str, str | None, str | None, bool], str | CodeType] = {}
_KEEP_AT_MOST = 20_000  # sources; the shipped content has about 1,200


class MessageEnvironment(Environment):
    """An ``Environment`` that compiles each template source once per process."""

    def compile(
        self,
        source: str | nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """Jinja's ``compile``, remembered for text sources (a syntax error is not kept)."""
        if raw:
            return super().compile(source, name, filename, True, defer_init)
        if not isinstance(source, str):
            return super().compile(source, name, filename, False, defer_init)
        key = (source, name, filename, defer_init)
        code = _COMPILED.get(key)
        if code is None:
            code = super().compile(source, name, filename, False, defer_init)
            if len(_COMPILED) >= _KEEP_AT_MOST:
                _COMPILED.clear()
            _COMPILED[key] = code
        return code
