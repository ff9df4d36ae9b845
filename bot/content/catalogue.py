"""The gettext side of ``content/``: extraction (Babel) and the checks of each catalogue.

The English source is extracted from ``messages.yaml`` (button labels, short messages) and
``templates/*.j2`` with Babel, as ``pybabel extract -F babel.cfg`` does. Every entry has the
message's key as its context (``msgctxt``). Each ``locales/<lang>.po`` is then held to it:
an entry missing, left empty or marked fuzzy, a placeholder that differs, an empty plural
form or a button label over 30 characters is a problem at its file and line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Protocol

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract
from jinja2.ext import babel_extract

from bot.content.located import LocatedYaml, Problem, read_mapping
from bot.rules.warning_signs import WarningSignRules


class Content(Protocol):
    """The loaded pieces these checks read (``bot.content.library.Content`` has them); a
    protocol, so that the library may run the checks without the two importing each other."""

    root: Path
    languages: list[str]
    source_language: str
    catalogues: dict[str, Catalog]
    messages: LocatedYaml
    warning_signs: WarningSignRules

    def label(self, lang: str, key: str) -> str: ...


LABEL_LIMIT = 30  # characters of a button label: longer ones are cut on a phone
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
_JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "false"}
Extracted = tuple[int, str, Any, list[str]]
_UNSAFE = "placeholders differ"


def extract_messages(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[Extracted]:
    """Babel extractor for ``messages.yaml`` (named in ``babel.cfg``).

    A button label is one ``pgettext(key, label)``; a message is Jinja2, read by Jinja's
    own extractor with its line in the file added.
    """
    text = fileobj.read().decode("utf-8")
    located = read_mapping(Path(getattr(fileobj, "name", "messages.yaml")), text=text)
    for key, label in (located.data.get("buttons") or {}).items():
        yield located.line_of(["buttons", key]), "pgettext", (key, str(label)), []
    lines = text.splitlines()
    for key, source in (located.data.get("messages") or {}).items():
        line = located.line_of(["messages", key])
        if line - 1 < len(lines) and lines[line - 1].rstrip().endswith("|-"):
            line += 1  # a block scalar starts on the next line
        found = _extracted(str(source), tuple(keywords), tuple(comment_tags or ()))
        for lineno, funcname, message, comments in found:
            yield line + lineno - 1, funcname, message, list(comments)


@lru_cache(maxsize=8192)
def _extracted(
    source: str, keywords: tuple[str, ...], comment_tags: tuple[str, ...]
) -> tuple[Extracted, ...]:
    """Jinja's extraction of one message (the same source always gives the same strings;
    a content check reads the catalogue of every copy it checks)."""
    found = babel_extract(
        io.BytesIO(source.encode("utf-8")), keywords, list(comment_tags), _JINJA_OPTIONS
    )
    return tuple((line, name, message, list(comments)) for line, name, message, comments in found)


def extract_source(root: Path) -> Catalog:
    """Every message of the source language, with its context and where it is written."""
    catalogue = Catalog(project="rehab-companion", domain="messages", fuzzy=False)
    files: list[tuple[Path, Any]] = [(root / "messages.yaml", extract_messages)]
    files += [(path, "jinja2.ext:babel_extract") for path in sorted(root.glob("templates/*.j2"))]
    for path, method in files:
        with path.open("rb") as file:
            options = {} if method is extract_messages else _JINJA_OPTIONS
            for lineno, message, comments, context in extract(
                method, file, keywords=DEFAULT_KEYWORDS, options=options
            ):
                where = (f"{root.name}/{path.relative_to(root).as_posix()}", lineno)
                old = catalogue.get(message if isinstance(message, str) else message[0], context)
                if old is not None:
                    old.locations.append(where)
                    continue
                catalogue.add(message, None, [where], auto_comments=comments, context=context)
    return catalogue


def placeholders(text: str | None) -> set[str]:
    """The names of ``%(name)s`` and ``{name}`` placeholders in a text."""
    return {a or b for a, b in _PLACEHOLDER.findall(text or "")}


def catalogue_problems(content: Content, *, unsafe_only: bool = False) -> list[Problem]:
    """Every entry of every language's catalogue that does not match the source.

    ``unsafe_only``: only what would break a message at run time (a placeholder the code
    does not pass). Loading refuses those; a missing translation falls back to English.
    """
    source = extract_source(content.root)
    problems: list[Problem] = []
    for lang, catalogue in content.catalogues.items():
        po = content.root / "locales" / f"{lang}.po"
        for message in source:
            if not message.id:
                continue
            found = _entry_problems(content, lang, po, message, catalogue)
            problems += [p for p in found if not unsafe_only or _UNSAFE in p.message]
    if not unsafe_only:
        problems += label_problems(content)
    return problems


def _where(content: Content, message: Message) -> tuple[Path, int]:
    file, line = message.locations[0]
    return content.root.parent / file, int(line or 1)


def _entry_problems(
    content: Content, lang: str, po: Path, message: Message, catalogue: Catalog
) -> list[Problem]:
    key = message.context or "?"
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    found = catalogue.get(msgid, message.context)
    file, line = _where(content, message)
    if found is None:
        return [
            Problem(file, line, f"{key}: no {lang} translation in locales/{lang}.po: {msgid!r}")
        ]
    at = found.lineno or 1
    strings = list(found.string) if isinstance(found.string, tuple | list) else [found.string]
    if not any(strings):
        return [Problem(po, at, f"{key}: the {lang} translation is empty: {msgid!r}")]
    if found.fuzzy:
        return [Problem(po, at, f"{key}: the {lang} translation is fuzzy (to be checked)")]
    problems = []
    if isinstance(message.id, tuple | list) and not all(strings):
        empty = [str(i) for i, s in enumerate(strings) if not s]
        problems.append(Problem(po, at, f"{key}: plural form {', '.join(empty)} is empty"))
    plural = isinstance(message.id, tuple | list)
    english = [placeholders(msgid), placeholders(message.id[1]) if plural else set()]
    for index, string in enumerate(strings):
        if not string:
            continue
        wanted = english[min(index, 1)] if plural else english[0]
        mine = placeholders(string)
        # A plural form may leave out the count ("once", "une fois"), nothing else.
        if mine - (english[0] | english[1]) or (wanted - {"count"}) - mine:
            problems.append(
                Problem(
                    po,
                    at,
                    f"{key}: {_UNSAFE}: {sorted(mine)} in {lang}, "
                    f"{sorted(wanted)} in {content.source_language}",
                )
            )
            break
    return problems


def label_problems(content: Content) -> list[Problem]:
    """Every button label over 30 characters, in every language."""
    problems = []
    buttons = content.messages.data["buttons"]
    for lang in content.languages:
        for key in buttons:
            label = content.label(lang, key)
            if len(label) <= LABEL_LIMIT:
                continue
            if lang == content.source_language:
                where = Problem(
                    content.messages.path, content.messages.line_of(["buttons", key]), ""
                )
            else:
                found = content.catalogues[lang].get(str(buttons[key]), key)
                where = Problem(
                    content.root / "locales" / f"{lang}.po", (found and found.lineno) or 1, ""
                )
            problems.append(
                Problem(
                    where.file,
                    where.line,
                    f"buttons.{key} ({lang}) is {len(label)} characters; a button allows "
                    f"{LABEL_LIMIT}: move the longer wording into the message above it",
                )
            )
    problems += _sign_button_problems(content)
    return problems


def _sign_button_problems(content: Content) -> list[Problem]:
    """The warning-sign checklist buttons (``rules/warning_signs.yaml``), 30 characters too."""
    from bot.content.warning_signs import RULES_FILE

    located = read_mapping(content.root / RULES_FILE)
    problems = []
    for index, sign in enumerate(content.warning_signs.signs):
        for lang in content.warning_signs.languages:
            text = content.warning_signs.button(sign.id, lang)
            if len(text) > LABEL_LIMIT:
                field = "button" if sign.button.get(lang) else "label"
                problems.append(
                    located.problem(
                        ["signs", index, field, lang],
                        f"{sign.id}: the checklist button ({lang}) is {len(text)} characters; "
                        f"a button allows {LABEL_LIMIT}: give it a short 'button' text",
                    )
                )
    return problems


def update_catalogues(
    root: Path, translations: dict[str, dict[tuple[str, str], Any]] | None = None
) -> list[Path]:
    """Bring every ``locales/<lang>.po`` in step with the source, as ``pybabel update`` does.

    New messages come in untranslated, changed ones as fuzzy (with the old translation to
    start from), removed ones are dropped. ``translations`` fills entries by
    ``(context, msgid)`` (used when porting a message). Writes ``locales/messages.pot`` too.
    """
    from babel.messages.pofile import read_po, write_po

    source = extract_source(root)
    written = []
    pot = root / "locales" / "messages.pot"
    with pot.open("wb") as file:
        write_po(file, source, width=100, omit_header=False, sort_output=False)
    written.append(pot)
    for path in sorted((root / "locales").glob("*.po")):
        with path.open("rb") as file:
            catalogue = read_po(file)
        catalogue.update(source, no_fuzzy_matching=False, update_header_comment=False)
        catalogue.obsolete.clear()
        for (context, msgid), string in (translations or {}).get(path.stem, {}).items():
            found = catalogue.get(msgid, context)
            if found is not None:
                found.string = string
                found.flags.discard("fuzzy")
        with path.open("wb") as file:
            write_po(file, catalogue, width=100, sort_output=False)
        written.append(path)
    return written
