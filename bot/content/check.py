"""``companion content check``: everything that can be wrong in ``content/``, at ``file:line``.

Loading already checks the schema, references and translations. This adds what only
rendering shows: every message in every language with sample variables under
``StrictUndefined``, held to Telegram's limits; and each gettext catalogue held to the
English source (``bot/content/catalogue.py``).
"""

from __future__ import annotations

import html
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError

from bot.content.catalogue import catalogue_problems
from bot.content.library import Content, load_content
from bot.content.located import ContentError, Problem
from bot.content.samples import SAMPLES, Placeholder

TEXT_LIMIT = 4096  # characters of a message's text, after HTML is parsed
CAPTION_LIMIT = 1024  # characters of a photo's caption
CALLBACK_LIMIT = 64  # bytes of a button's callback data


@dataclass
class Report:
    """What the check found: problems fail it; notes are worth a look but do not."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    rendered: int = 0
    content: Content | None = None


def check_content(root: Path) -> Report:
    """Load ``root`` and render every message in every language."""
    report = Report()
    try:
        report.content = load_content(root)
    except ContentError as error:
        report.problems += error.problems
        return report
    content = report.content
    report.problems += catalogue_problems(content)
    messages = content.messages
    for lang in content.languages:
        for key in content.template_keys():
            _render(content, report, lang, key, content.root / "templates" / f"{key}.j2")
        for key in messages.data["messages"]:
            _render(content, report, lang, key, messages.path, messages.line_of(["messages", key]))
    return report


def visible_length(text: str) -> int:
    """How long Telegram counts a text: tags removed, entities decoded, in UTF-16 units."""
    shown = html.unescape(re.sub(r"<[^>]+>", "", text))
    return len(shown.encode("utf-16-le")) // 2


def limit_problem(text: str, *, caption: bool, where: Problem) -> Problem | None:
    """A problem at ``where`` if ``text`` is over the text or caption limit, else ``None``."""
    limit = CAPTION_LIMIT if caption else TEXT_LIMIT
    length = visible_length(text)
    if length <= limit:
        return None
    kind = "photo caption" if caption else "message"
    return Problem(
        where.file, where.line, f"{where.message} is {length} characters; a {kind} allows {limit}"
    )


def callback_problem(data: str, where: Problem) -> Problem | None:
    """A problem if a button's callback data is over Telegram's 64 bytes."""
    size = len(data.encode("utf-8"))
    if size <= CALLBACK_LIMIT:
        return None
    return Problem(
        where.file, where.line, f"{where.message}: callback data {data!r} is {size} bytes (max 64)"
    )


def _render(
    content: Content, report: Report, lang: str, key: str, path: Path, line: int = 1
) -> None:
    template = content.template(lang, key)
    variables = SAMPLES.get(key)
    if variables is None:
        needed = content.variables(lang, key)
        if needed:
            report.notes.append(
                Problem(path, line, f"{key}: no sample variables; rendered with placeholders")
            )
        variables = {name: Placeholder(name) for name in needed}
    try:
        text = template.render(**variables).strip()
    except TemplateError as error:
        report.problems.append(
            Problem(path, _error_line(error, path, line), f"{key} ({lang}): {error}")
        )
        return
    report.rendered += 1
    if not text:
        report.problems.append(Problem(path, line, f"{key} ({lang}) renders as an empty message"))
        return
    over = limit_problem(text, caption=False, where=Problem(path, line, f"{key} ({lang})"))
    if over is not None:
        report.problems.append(over)


def _error_line(error: TemplateError, path: Path, fallback: int) -> int:
    """The template line an error happened on, from the error or its traceback."""
    lineno = getattr(error, "lineno", None)
    if isinstance(lineno, int) and path.suffix == ".j2":
        return lineno
    if path.suffix == ".j2":
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if frame.filename and Path(frame.filename).resolve() == path.resolve():
                return frame.lineno or fallback
    return fallback
