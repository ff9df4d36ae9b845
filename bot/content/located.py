"""YAML that remembers where each value came from, and problems that say ``file:line``.

People who edit content fix a typo fastest when the error names the file and line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

Location = tuple[str | int, ...]  # keys and list indexes from the top of a file


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the content, at a file and line (1-based)."""

    file: Path
    line: int
    message: str

    def shown(self, root: Path) -> str:
        """``content/exercises/x.yaml:12: message``, relative to the content's parent."""
        try:
            name = self.file.relative_to(root.parent)
        except ValueError:
            name = self.file
        return f"{name}:{self.line}: {self.message}"


class ContentError(Exception):
    """The content folder is broken; each problem names its file and line."""

    def __init__(self, problems: Sequence[Problem] | str, root: Path | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(Path("content"), 1, problems)]
        self.problems = list(problems)
        base = root or Path.cwd()
        super().__init__("\n".join(p.shown(base) for p in self.problems))


@dataclass(frozen=True)
class LocatedYaml:
    """A parsed YAML file and the line of every key and list item in it."""

    path: Path
    data: Any
    lines: dict[Location, int]

    def line_of(self, location: Sequence[str | int]) -> int:
        """The line of ``location``, or of its nearest parent that has one."""
        where = tuple(location)
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where, 1)

    def problem(self, location: Sequence[str | int], message: str) -> Problem:
        """A problem at ``location`` in this file."""
        return Problem(self.path, self.line_of(location), message)


def read_located(path: Path, text: str | None = None) -> LocatedYaml:
    """Parse ``path`` (or ``text``, read from it) and note the line of every key.

    Raises ``ContentError`` if unreadable.
    """
    try:
        text = path.read_text(encoding="utf-8") if text is None else text
    except FileNotFoundError:
        raise ContentError([Problem(path, 1, "file is missing")]) from None
    try:
        node, data = _parse(text)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        raise ContentError([Problem(path, line, f"not valid YAML: {error.problem}")]) from None
    lines: dict[Location, int] = {}
    if node is not None:
        _note_lines(node, (), lines)
    return LocatedYaml(path, data, lines)


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (for line numbers) and its data, from one parse with
    libyaml's safe loader when PyYAML was built with it (the content is read at every
    start, and the pure-Python parser takes seconds over it)."""
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def read_mapping(path: Path, text: str | None = None) -> LocatedYaml:
    """Like ``read_located``, for files whose top level must be a mapping."""
    found = read_located(path, text)
    if not isinstance(found.data, Mapping):
        raise ContentError([Problem(path, 1, "expected a mapping at the top level")])
    return found


def _note_lines(node: yaml.Node, where: Location, lines: dict[Location, int]) -> None:
    lines.setdefault(where, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = (*where, key.value)
            lines[here] = key.start_mark.line + 1
            _note_lines(value, here, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _note_lines(item, (*where, index), lines)
