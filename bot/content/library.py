"""Loads what a clinic edits in ``content/`` (YAML, Jinja2, gettext) and renders it per language.

Content is data: a typo in it must fail loudly at load time, never show up as a blank
in a patient's chat. So every file is validated with pydantic, and every template runs
with ``StrictUndefined``.

Messages are written once, in the source language (English): short ones and button labels
in ``messages.yaml``, longer ones in ``templates/<key>.j2``, their words inside Jinja2's
``{% trans "key" %}`` blocks. Each other language is one gettext catalogue,
``locales/<lang>.po``, compiled in memory here (no ``.mo`` file is kept). A language is
supported when its catalogue is there: adding a ``.po`` file adds the language.
"""

from __future__ import annotations

import gettext
import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar

from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, meta
from pydantic import BaseModel, ValidationError

from bot.content.consistency import check_consistency
from bot.content.dates import locale_of, weekday_name
from bot.content.located import ContentError, LocatedYaml, Problem, read_mapping
from bot.content.models import CommandWords, Dosage, Exercise, InboxRules, PainRules, Programme
from bot.content.templating import MessageEnvironment
from bot.content.warning_signs import RULES_FILE, load_normaliser
from bot.rules.classifier import MODEL_FILE, Classifier, load_classifier
from bot.rules.escalation import EscalationRules
from bot.rules.warning_signs import WarningSignRules, rules_from_data

log = logging.getLogger(__name__)
DEFAULT_CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"
M = TypeVar("M", bound=BaseModel)


class Content:
    """Everything in ``content/``, validated, with one Jinja2 environment per language."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self._compiled: dict[tuple[str, str], Template] = {}  # locale messages, compiled once
        languages = read_mapping(root / "languages.yaml").data
        self.source_language: str = str(languages.get("source", "en"))
        self.catalogues: dict[str, Catalog] = self._read_catalogues(root / "locales")
        self.languages: list[str] = [self.source_language, *self.catalogues]
        self.default_language: str = str(languages["default"])
        self.languages_in_files: list[str] = list(languages.get("in_files", [self.source_language]))
        self.translations: dict[str, gettext.NullTranslations] = {
            self.source_language: gettext.NullTranslations(),
            **{lang: _compiled(cat) for lang, cat in self.catalogues.items()},
        }
        self.consent_version: str = str(read_mapping(root / "consent.yaml").data["version"])
        self.sources: dict[str, LocatedYaml] = {}  # "exercises/x" -> the file it came from
        self.exercises = {e.id: e for e in self._load_all("exercises", Exercise)}
        self.programmes = {p.id: p for p in self._load_all("programmes", Programme)}
        pain_rules = self._parse_file(root / "rules" / "pain.yaml", PainRules)
        escalation = self._parse_file(root / "rules" / "escalation.yaml", EscalationRules)
        warning_signs = self._warning_signs(root)
        inbox = self._parse_file(root / "rules" / "inbox.yaml", InboxRules)
        command_words = self._parse_file(root / "rules" / "command_words.yaml", CommandWords)
        self.messages = self._messages(root / "messages.yaml")
        self._environments = {lang: self._environment(lang) for lang in self.languages}
        for item in [*self.exercises.values(), *self.programmes.values()]:
            _fill_languages(item, self)
        self.problems += check_consistency(self)
        if self.catalogues and not self.problems:
            from bot.content.catalogue import catalogue_problems

            self.problems += catalogue_problems(self, unsafe_only=True)  # would break a message
        if (
            self.problems
            or pain_rules is None
            or escalation is None
            or warning_signs is None
            or inbox is None
            or command_words is None
        ):
            raise ContentError(self.problems, root)
        self.pain_rules: PainRules = pain_rules[0]
        self.escalation: EscalationRules = escalation[0]  # the alert ladder
        self.warning_signs: WarningSignRules = warning_signs  # checklist and free-text rules
        self.inbox: InboxRules = inbox[0]  # patients' messages to their care team
        self.command_words: CommandWords = command_words[0]  # "today", "aide" without a slash

    def language_for(self, telegram_language_code: str | None) -> str:
        """The supported language closest to what Telegram reports for the user."""
        code = (telegram_language_code or "").split("-")[0].lower()
        return code if code in self.languages else self.default_language

    def render(self, lang: str, key: str, **variables: Any) -> str:
        """Render message ``key`` for ``lang``: a template file, or a short locale message."""
        return self.template(lang, key).render(**variables).strip()

    def template(self, lang: str, key: str) -> Template:
        """The compiled template behind message ``key`` in ``lang``."""
        lang = lang if lang in self.languages else self.default_language
        env = self._environments[lang]
        messages = self.messages.data["messages"]
        if key not in messages:
            return env.get_template(f"{key}.j2")  # Jinja caches file templates itself
        compiled = self._compiled.get((lang, key))
        if compiled is None:
            compiled = self._compiled[(lang, key)] = env.from_string(messages[key])
        return compiled

    def variables(self, lang: str, key: str) -> set[str]:
        """The variables message ``key`` uses (the same in every language), read from its source."""
        return meta.find_undeclared_variables(self._environments[lang].parse(self.source(key)))

    def source(self, key: str) -> str:
        """The Jinja2 source of message ``key``: from ``messages.yaml`` or its template."""
        messages = self.messages.data["messages"]
        if key in messages:
            return str(messages[key])
        return (self.root / "templates" / f"{key}.j2").read_text(encoding="utf-8")

    def label(self, lang: str, key: str) -> str:
        """A button label, as plain text: ``messages.yaml``'s English, or its translation."""
        lang = lang if lang in self.languages else self.default_language
        english = str(self.messages.data["buttons"][key])
        return self.translations[lang].pgettext(key, english)

    def template_keys(self, lang: str | None = None) -> list[str]:
        """Every template file's key (one file serves every language)."""
        return sorted(path.stem for path in (self.root / "templates").glob("*.j2"))

    def text(self, lang: str, english: str) -> str:
        """A text from a content file translated through the catalogue (else as written)."""
        return self.translations[lang].gettext(english) if english else english

    def dosage_text(self, lang: str, dosage: Dosage) -> str:
        """A dosage in words, e.g. "2 sets of 8 reps, rest 60 s between sets"."""
        return self.render(lang, f"dosage_{dosage.kind}", **dosage.model_dump())

    def exercise_text(
        self, lang: str, exercise_id: str, level: int, dosage: Dosage | None = None
    ) -> dict[str, Any]:
        """What the session templates need for one exercise at one level.

        ``dosage`` replaces the level's own dosage when a clinician changed it.
        """
        exercise = self.exercises[exercise_id]
        variant = exercise.at_level(level)
        dosage = dosage or variant.dosage
        return {
            "name": variant.name[lang],
            "dosage": self.dosage_text(lang, dosage),
            "cues": exercise.cues[lang],
            "safety": exercise.safety[lang],
            "stop_if": exercise.stop_if[lang],
            "days": self.render(lang, "days_per_week", days=dosage.days_per_week),
            "seconds": dosage.estimated_seconds(),
            "timed": dosage.timed_seconds is not None,
        }

    @property
    def classifier(self) -> Classifier | None:
        """The triage classifier (``triage/model.npz``), read once; ``None`` without one."""
        return _classifier_at(self.root / MODEL_FILE)

    def media_path(self, exercise: Exercise) -> Path | str | None:
        """What to send as the exercise's photo: a local file, a URL or a file id."""
        media = exercise.media
        if media is None:
            return None
        if media.image is not None:
            return self.root / media.image
        return media.url or media.telegram_file_id

    def _warning_signs(self, root: Path) -> WarningSignRules | None:
        """The warning-sign rules, compiled once; a broken file stops start-up."""
        path = root / RULES_FILE
        try:
            return rules_from_data(read_mapping(path).data, load_normaliser(root))
        except ContentError as error:
            self.problems += error.problems
        except ValueError as error:
            self.problems.append(Problem(path, 1, str(error).splitlines()[0]))
        return None

    def _environment(self, lang: str) -> Environment:
        """The Jinja2 environment of one language: the shared templates, its catalogue."""
        folder = self.root / "templates"
        if not folder.is_dir():
            raise ContentError([Problem(folder, 1, "missing the templates folder")])
        env = MessageEnvironment(
            loader=FileSystemLoader(folder),
            undefined=StrictUndefined,
            autoescape=True,  # messages go out with HTML parse mode
            trim_blocks=False,
            keep_trailing_newline=False,
            extensions=["jinja2.ext.i18n"],
        )
        env.install_gettext_translations(self.translations[lang], newstyle=True)  # type: ignore[attr-defined]
        env.filters["weekday"] = lambda day: weekday_name(int(day), lang)
        env.filters["listing"] = lambda items, style="standard": _listing(items, style, lang)
        return env

    def _messages(self, path: Path) -> LocatedYaml:
        """``messages.yaml``: the source language's button labels and short messages."""
        found = read_mapping(path)
        for section in ("buttons", "messages"):
            if not isinstance(found.data.get(section), dict):
                self.problems.append(found.problem((), f"needs a '{section}' section"))
                found.data[section] = {}
        return found

    def _read_catalogues(self, folder: Path) -> dict[str, Catalog]:
        """Every ``<lang>.po`` in ``locales/``, read with its line numbers."""
        catalogues = {}
        for path in sorted(folder.glob("*.po")):
            try:
                with path.open("rb") as file:
                    catalogues[path.stem] = read_po(file, locale=None, abort_invalid=True)
            except Exception as error:  # a broken catalogue is a content problem
                self.problems.append(Problem(path, getattr(error, "lineno", 1), str(error)))
        return catalogues

    def _load_all(self, folder: str, model: type[M]) -> Iterator[M]:
        for path in sorted((self.root / folder).glob("*.yaml")):
            parsed = self._parse_file(path, model)
            if parsed is None:
                continue
            item, located = parsed
            ident = str(getattr(item, "id", path.stem))
            if f"{folder}/{ident}" in self.sources:
                self.problems.append(located.problem(["id"], f"the id {ident!r} is used twice"))
                continue
            self.sources[f"{folder}/{ident}"] = located
            yield item

    def _parse_file(self, path: Path, model: type[M]) -> tuple[M, LocatedYaml] | None:
        """The validated file, or ``None`` after noting its problems (reported at the end)."""
        try:
            located = read_mapping(path)
        except ContentError as error:
            self.problems += error.problems
            return None
        try:
            return model.model_validate(located.data), located
        except ValidationError as error:
            for detail in error.errors():
                loc = [part for part in detail["loc"] if isinstance(part, str | int)]
                self.problems.append(located.problem(loc, _explain(detail)))
            return None


@lru_cache(maxsize=4)
def _classifier_at(path: Path) -> Classifier | None:
    if not path.is_file():
        log.warning("no triage model at %s: the rules alone read messages", path.name)
        return None
    return load_classifier(path)


def _compiled(catalogue: Catalog) -> Translations:
    """A catalogue compiled in memory, as gettext reads it (fuzzy entries left out)."""
    buffer = BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain="messages")


def _listing(items: Iterable[Any], style: str, lang: str) -> str:
    """Items joined as the language does: ``a, b and c`` / ``a, b et c`` (or ``or``/``ou``)."""
    words = [str(item) for item in items]
    if not words:
        return ""
    text = format_list(words, style=style, locale=locale_of(lang))  # type: ignore[arg-type]
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _fill_languages(item: BaseModel, content: Content) -> None:
    """Give every ``{en: ..., fr: ...}`` text of a loaded file each supported language.

    A language without its own text in the file (one added by a catalogue alone) gets the
    catalogue's translation of the source text, or the source text itself.
    """
    source = content.source_language
    for name in type(item).model_fields:
        value = getattr(item, name)
        values = value if isinstance(value, list) else [value]
        for one in values:
            if isinstance(one, BaseModel):
                _fill_languages(one, content)
            elif isinstance(one, dict) and source in one:
                for lang in content.languages:
                    if lang not in one:
                        text = one[source]
                        one[lang] = (
                            [content.text(lang, t) for t in text]
                            if isinstance(text, list)
                            else content.text(lang, str(text))
                        )


def load_content(root: Path | str | None = None) -> Content:
    """Load and validate the content folder (``content/`` beside the code by default).

    The triage model is read here too, so start-up pays for it rather than a first patient.
    """
    content = Content(Path(root) if root else DEFAULT_CONTENT_DIR)
    content.classifier  # noqa: B018 - read now, cached for the process
    return content


def _explain(detail: Any) -> str:
    where = ".".join(str(part) for part in detail["loc"])
    message = str(detail["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message
