"""Typed access to request parameters, raw (form strings) or already schema-coerced."""

from __future__ import annotations

import json
from typing import Any

from emulator.errors import ApiError


class Params:
    """Read parameters whether or not the schema coerced them (it is optional)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values

    def has(self, key: str) -> bool:
        return key in self._values

    def raw(self, key: str) -> Any:
        return self._values.get(key)

    def chat_id(self) -> int | None:
        """``chat_id`` as an integer; ``None`` for ``@username`` or garbage."""
        value = self._values.get("chat_id")
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return value
        try:
            return int(str(value))
        except ValueError:
            return None

    def optional_integer(self, key: str) -> int | None:
        value = self._values.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return int(str(value))
        except ValueError:
            raise ApiError.bad_request(f'parameter "{key}" must be of type Integer') from None

    def integer(self, key: str) -> int:
        value = self.optional_integer(key)
        if value is None:
            raise ApiError.bad_request(f'parameter "{key}" is required')
        return value

    def optional_string(self, key: str) -> str | None:
        value = self._values.get(key)
        return None if value is None else str(value)

    def string(self, key: str, default: str) -> str:
        value = self.optional_string(key)
        return default if value is None else value

    def boolean(self, key: str) -> bool:
        value = self._values.get(key)
        if isinstance(value, str):
            return value.lower() in {"true", "1"}
        return bool(value)

    def json_object(self, key: str) -> dict[str, Any] | None:
        value = self._decoded(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise ApiError.bad_request(f'parameter "{key}" must be an object')
        return value

    def json_array(self, key: str) -> list[Any]:
        value = self._decoded(key)
        if not isinstance(value, list):
            raise ApiError.bad_request(f'parameter "{key}" must be an Array')
        return value

    def _decoded(self, key: str) -> Any:
        value = self._values.get(key)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise ApiError.bad_request(f'can\'t parse "{key}" as JSON') from None
        return value
