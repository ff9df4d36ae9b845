"""Validate bot requests against the published Bot API schema (``api.json``).

Top-level parameters may arrive as strings (form or multipart encoding), so they are
coerced first: ``"123"`` becomes an Integer, ``"true"`` a Boolean and JSON text an
object or array. Values nested inside JSON objects must already have the right type.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from emulator.errors import ApiError, UploadedFile

SCHEMA_ENV_VAR = "BOT_API_SCHEMA"
_SHARED_SCHEMA = Path("shared") / "telegram-bot-api" / "api.json"
_REPOSITORY_ROOT = Path(__file__).resolve().parents[1]
_BASIC = frozenset({"Integer", "String", "Boolean", "Float", "InputFile"})
_ARRAY = "Array of "
_DISCRIMINATOR = re.compile(r'must be "?([A-Za-z_]+)"?\s*$')
_INTEGER_TEXT = re.compile(r"-?\d+")
# PTB's ``Defaults`` add these to every method sharing its send helper, including ones
# that do not define them (e.g. ``parse_mode`` on editMessageReplyMarkup). Telegram
# ignores unknown parameters, so the emulator drops these silently instead of failing.
PTB_DEFAULT_PARAMETERS = frozenset(
    {
        "parse_mode",
        "disable_notification",
        "protect_content",
        "link_preview_options",
        "allow_sending_without_reply",
    }
)


def default_schema_path() -> Path:
    """Where the published schema is expected, resolved like the test suite does.

    ``$BOT_API_SCHEMA`` if set; else ``../shared/telegram-bot-api/api.json`` beside the
    repository root (found from this package, whatever the current directory); else
    the same path relative to the current directory. The result may not exist.
    """
    override = os.environ.get(SCHEMA_ENV_VAR)
    if override:
        return Path(override)
    beside_repository = _REPOSITORY_ROOT.parent / _SHARED_SCHEMA
    if beside_repository.is_file():
        return beside_repository
    return Path("..") / _SHARED_SCHEMA


class _Mismatch(Exception):
    """A value does not fit a type; ``relevance`` ranks errors between union branches."""

    def __init__(self, message: str, relevance: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.relevance = relevance


class Schema:
    """The methods and types of one Bot API version, able to coerce and check parameters."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.version = str(data.get("version", "unknown"))
        self._methods: dict[str, dict[str, Any]] = dict(data["methods"])
        self._types: dict[str, dict[str, Any]] = dict(data["types"])
        self._by_lower = {name.lower(): name for name in self._methods}

    @classmethod
    def load(cls, path: str | Path) -> Schema:
        """Read ``api.json`` from ``path`` (cached: the file is read once per process)."""
        return _load(str(Path(path).resolve()))

    def canonical_method(self, name: str) -> str | None:
        """The schema's spelling of ``name`` (method names are case-insensitive)."""
        return self._by_lower.get(name.lower())

    def validate(self, method: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """Return ``params`` coerced to their schema types, or raise a 400 ``ApiError``."""
        spec = self._methods[method]
        fields = {field["name"]: field for field in spec.get("fields", [])}
        for name in params:
            if name not in fields and name not in PTB_DEFAULT_PARAMETERS:
                raise ApiError.bad_request(f'unknown parameter "{name}"')
        coerced: dict[str, Any] = {}
        for name, field in fields.items():
            if name not in params:
                if field.get("required"):
                    raise ApiError.bad_request(f'parameter "{name}" is required')
                continue
            try:
                coerced[name] = self._coerce(params[name], field["types"], name, top=True)
            except _Mismatch as mismatch:
                raise ApiError.bad_request(mismatch.message) from None
        return coerced

    # -- coercion ---------------------------------------------------------------------

    def _coerce(self, value: Any, types: list[str], where: str, *, top: bool) -> Any:
        alternatives = [concrete for name in types for concrete in self._expand(name)]
        if len(alternatives) == 1:
            return self._coerce_one(value, alternatives[0], where, top=top)
        failures: list[_Mismatch] = []
        for type_name in alternatives:
            try:
                return self._coerce_one(value, type_name, where, top=top)
            except _Mismatch as mismatch:
                failures.append(mismatch)
        best = max(failures, key=lambda failure: failure.relevance)
        if best.relevance > 0:
            raise best
        raise _Mismatch(f'{_kind(where, top)} "{where}" must be of type {" or ".join(types)}')

    def _expand(self, type_name: str) -> list[str]:
        """Replace an abstract type (one with ``subtypes``) by its concrete subtypes."""
        spec = self._types.get(type_name)
        if spec is None or "subtypes" not in spec:
            return [type_name]
        return [leaf for sub in spec["subtypes"] for leaf in self._expand(sub)]

    def _coerce_one(self, value: Any, type_name: str, where: str, *, top: bool) -> Any:
        if type_name.startswith(_ARRAY):
            return self._coerce_array(value, type_name[len(_ARRAY) :], where, top=top)
        if type_name in _BASIC:
            return _coerce_basic(value, type_name, where, top=top)
        if type_name not in self._types:
            return value  # A type this schema does not describe: accept as is.
        return self._coerce_object(value, type_name, where, top=top)

    def _coerce_array(self, value: Any, item_type: str, where: str, *, top: bool) -> Any:
        if top and isinstance(value, str):
            value = _parse_json(value, where)
        if not isinstance(value, list):
            raise _Mismatch(f'{_kind(where, top)} "{where}" must be an Array')
        return [
            self._coerce(item, [item_type], f"{where}[{index}]", top=False)
            for index, item in enumerate(value)
        ]

    def _coerce_object(self, value: Any, type_name: str, where: str, *, top: bool) -> Any:
        if top and isinstance(value, str):
            value = _parse_json(value, where)
        if not isinstance(value, dict):
            raise _Mismatch(f'{_kind(where, top)} "{where}" must be a {type_name} object')
        fields = {field["name"]: field for field in self._types[type_name].get("fields", [])}
        relevance = 1 + sum(1 for key in value if key in fields)
        expected = _discriminator(fields.get("type"))
        if expected is not None and "type" in value:
            if value["type"] != expected:
                raise _Mismatch(f'field "{where}.type" must be "{expected}"', relevance=0)
            relevance += 100
        result: dict[str, Any] = {}
        for key, item in value.items():
            if key not in fields:
                raise _Mismatch(f'unknown field "{where}.{key}" in {type_name}', relevance)
            try:
                result[key] = self._coerce(item, fields[key]["types"], f"{where}.{key}", top=False)
            except _Mismatch as mismatch:
                raise _Mismatch(mismatch.message, relevance) from None
        for name, field in fields.items():
            if field.get("required") and name not in value:
                raise _Mismatch(f'field "{where}.{name}" is required in {type_name}', relevance)
        return result


@functools.cache
def _load(path: str) -> Schema:
    with Path(path).open(encoding="utf-8") as handle:
        return Schema(json.load(handle))


def _kind(where: str, top: bool) -> str:
    return "parameter" if top else "field"


def _discriminator(field: Mapping[str, Any] | None) -> str | None:
    """The fixed value of a ``type`` field ("Scope type, must be chat" gives "chat")."""
    if field is None:
        return None
    match = _DISCRIMINATOR.search(str(field.get("description", "")))
    return match.group(1) if match else None


def _parse_json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise _Mismatch(f'can\'t parse "{where}" as JSON') from None


def _coerce_basic(value: Any, type_name: str, where: str, *, top: bool) -> Any:
    wrong = _Mismatch(f'{_kind(where, top)} "{where}" must be of type {type_name}')
    if type_name == "InputFile":
        if isinstance(value, UploadedFile):
            return value
        raise wrong
    if type_name == "String":
        if isinstance(value, str):
            return value
        raise wrong
    if type_name == "Boolean":
        if isinstance(value, bool):
            return value
        if top and isinstance(value, str) and value.lower() in {"true", "false", "1", "0"}:
            return value.lower() in {"true", "1"}
        raise wrong
    if isinstance(value, bool):
        raise wrong
    if type_name == "Integer":
        if isinstance(value, int):
            return value
        if top and isinstance(value, str) and _INTEGER_TEXT.fullmatch(value.strip()):
            return int(value)
        raise wrong
    # Float
    if isinstance(value, int | float):
        return float(value)
    if top and isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            raise wrong from None
    raise wrong
