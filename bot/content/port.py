"""Port a message from the old per-language files into the gettext catalogue.

Before the catalogues, each message existed once per language: a template in
``templates/<lang>/<key>.j2`` or a string under ``messages:``/``buttons:`` in
``locales/<lang>.yaml``. This turns one such pair into the new form: the English source
with ``{% trans "key" %}`` blocks (in ``templates/<key>.j2`` or ``messages.yaml``) and one
catalogue entry per text run for every other language.

The two versions must have the same ``{% ... %}`` tags in the same order (the logic of the
message); only the text between them may differ. What cannot be paired is reported, never
guessed: such a message is ported by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

_TAG = re.compile(r"({%.*?%}|{{.*?}}|{#.*?#})", re.S)
_SIMPLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LETTER = re.compile(r"[^\W\d_]")


class PortError(ValueError):
    """The two versions of a message cannot be paired run by run."""


def _name_of(expression: str) -> str:
    """A placeholder name for an expression: ``item.name`` -> ``item_name``."""
    inner = expression.strip()[2:-2].strip()
    if _SIMPLE.match(inner):
        return inner
    head = re.split(r"[|(]", inner.lstrip("( "), maxsplit=1)[0].strip()
    return re.sub(r"\W+", "_", head).strip("_") or "value"  # week[0] -> week_0


def _runs(source: str) -> list[str | list[str]]:
    """The source cut into tags (strings) and text runs (lists of text and ``{{ }}``)."""
    parts = [p for p in _TAG.split(source) if p]
    out: list[str | list[str]] = []
    for part in parts:
        if part.startswith(("{%", "{#")):
            out.append(part)
        elif out and isinstance(out[-1], list):
            out[-1].append(part)
        else:
            out.append([part])
    return out


def _message(run: list[str]) -> tuple[str, str, dict[str, str]]:
    """A run as (jinja body with ``{{ name }}``, msgid with ``%(name)s``, name -> expr)."""
    body: list[str] = []
    msgid: list[str] = []
    names: dict[str, str] = {}
    for piece in run:
        if piece.startswith("{{"):
            name, expression = _name_of(piece), piece.strip()[2:-2].strip()
            while names.get(name, expression) != expression:  # two expressions, one name
                name += "_"
            names[name] = expression
            body.append(f"{{{{ {name} }}}}")
            msgid.append(f"%({name})s")
        else:
            body.append(piece)
            msgid.append(piece.replace("%", "%%"))
    return "".join(body), "".join(msgid), names


def _split_space(text: str) -> tuple[str, str, str]:
    stripped = text.strip()
    if not stripped:
        return text, "", ""
    start = text.index(stripped)
    return text[:start], stripped, text[start + len(stripped) :]


def _norm(tag: str) -> str:
    return re.sub(r"\s+", "", tag)


def port(
    key: str, english: str, others: dict[str, str]
) -> tuple[str, dict[str, list[tuple[str, str]]]]:
    """The new English source of ``key``, and per other language its (msgid, msgstr) pairs."""
    mine = _runs(english)
    theirs = {lang: _runs(text) for lang, text in others.items()}
    for lang, runs in theirs.items():
        if len(runs) != len(mine) or any(
            isinstance(a, str) != isinstance(b, str)
            or (isinstance(a, str) and _norm(a) != _norm(str(b)))
            for a, b in zip(mine, runs, strict=False)
        ):
            raise PortError(f"{key}: the {lang} version has other {{% %}} tags than English")
    out: list[str] = []
    entries: dict[str, list[tuple[str, str]]] = {lang: [] for lang in others}
    for index, part in enumerate(mine):
        if isinstance(part, str):
            out.append(part)
            continue
        body, msgid, names = _message(part)
        _, core_id, _ = _split_space(msgid)
        if not _LETTER.search(re.sub(r"%\(\w+\)s", "", core_id)):
            out.append("".join(part))  # no words to translate: punctuation, emoji, variables
            for lang in others:
                other = "".join(theirs[lang][index])
                if _norm(other) != _norm("".join(part)):
                    raise PortError(f"{key}: a run without words differs in {lang}: {other!r}")
            continue
        b_lead, core_body, b_tail = _split_space(body)
        args = ", ".join(f"{n}={e}" for n, e in names.items() if n != e)
        opener = f'{{% trans "{key}"' + (f" {args}" if args else "") + " %}"
        out.append(f"{b_lead}{opener}{core_body}{{% endtrans %}}{b_tail}")
        for lang in others:
            _, other_id, other_names = _message(theirs[lang][index])  # type: ignore[arg-type]
            if set(other_names) - set(names):
                raise PortError(
                    f"{key}: the {lang} text uses {sorted(set(other_names) - set(names))}"
                )
            entries[lang].append((core_id, other_id.strip()))
    return "".join(out), entries


def port_key(root: Path, old: Path, key: str) -> str:
    """Port ``key`` from an old-style content folder ``old`` into ``root``; says where it went.

    ``old`` has ``locales/<lang>.yaml`` and ``templates/<lang>/<key>.j2`` per language (the
    layout before the catalogues, as another branch may still add keys to). The English
    goes into ``messages.yaml`` or ``templates/<key>.j2``; every other language's text
    into its ``locales/<lang>.po`` (which must exist).
    """
    import json

    import yaml

    from bot.content.catalogue import update_catalogues

    langs = sorted(p.stem for p in (old / "locales").glob("*.yaml"))
    texts = {
        lang: yaml.safe_load((old / "locales" / f"{lang}.yaml").read_text("utf-8"))
        for lang in langs
    }
    others = [lang for lang in langs if lang != "en"]
    template = old / "templates" / "en" / f"{key}.j2"
    messages = root / "messages.yaml"
    lines = messages.read_text(encoding="utf-8").splitlines()
    if key in (texts["en"].get("buttons") or {}):
        label = str(texts["en"]["buttons"][key])
        at = lines.index("messages:")
        lines.insert(at, f"  {key}: {json.dumps(label, ensure_ascii=False)}")
        wanted = {lang: {(key, label): str(texts[lang]["buttons"][key])} for lang in others}
        where = "messages.yaml (buttons)"
    else:
        if template.is_file():
            english = template.read_text(encoding="utf-8")
            translated = {
                lang: (old / "templates" / lang / f"{key}.j2").read_text(encoding="utf-8")
                for lang in others
            }
        else:
            english = str(texts["en"]["messages"][key])
            translated = {lang: str(texts[lang]["messages"][key]) for lang in others}
        source, entries = port(key, english, translated)
        if template.is_file():
            (root / "templates" / f"{key}.j2").write_text(source, encoding="utf-8")
            where = f"templates/{key}.j2"
        else:
            lines.append(f"  {key}: |-\n    {source}")
            where = "messages.yaml (messages)"
        wanted = {lang: {(key, mid): text for mid, text in entries[lang]} for lang in others}
    messages.write_text("\n".join(lines) + "\n", encoding="utf-8")
    update_catalogues(root, wanted)
    return where
