"""Write content/triage/corpus.tsv from the hand-written messages in english.py and french.py.

    python -m tools.triage_corpus.generate

Deterministic (a fixed seed). Each hand-written line is one paraphrase family; the generator
rewords it a few ways: its slots filled differently, and written in different voices
(plain, texting, with typos, shouting, inside a long rambling message, Québec French). The
split is by family: about one family in four of every sign, language and kind goes to
``heldout``, with all its rewordings, and is never used for training or tuning.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from pathlib import Path

from bot.triage.corpus import Row, read_rows, write_rows
from tools.triage_corpus import (
    english,
    english_more,
    english_r3,
    english_r4,
    english_r5,
    english_r6,
    french,
    french_more,
    french_r3,
    french_r4,
    french_r5,
    french_r6,
)

SEED = 13
OUT = Path(__file__).resolve().parents[2] / "content" / "triage" / "corpus.tsv"
PER_SIGN = 112  # messages per sign and language, at least
LEVELS = {
    "chest-pain": "emergency",
    "breathing": "emergency",
    "fainting": "emergency",
    "stroke": "emergency",
    "cauda-equina": "emergency",
    "fall-injury": "emergency",
    "self-harm": "emergency",
    "dvt": "urgent",
    "wound-infection": "urgent",
    "sudden-injury": "urgent",
    "fall-or-dizzy-spell": "urgent",
    "night-pain-weight-loss": "routine",
    "pain-model-breach": "routine",
}

SLOTS = {
    "en": {
        "t": [
            "since this morning",
            "for about an hour",
            "after my exercises",
            "since lunch",
            "right now",
            "tonight",
            "since I woke up",
            "for the last 20 minutes",
            "since yesterday evening",
            "while I was resting",
        ],
        "x": [
            "squats",
            "bridges",
            "heel raises",
            "leg raises",
            "wall push-ups",
            "lunges",
            "step-ups",
            "walk",
            "band rows",
            "sit to stand",
            "balance exercise",
        ],
        "who": [
            "my husband",
            "my wife",
            "my mother",
            "my dad",
            "my partner",
            "my grandmother",
            "my son",
            "my neighbour",
        ],
    },
    "fr": {
        "t": [
            "depuis ce matin",
            "depuis une heure",
            "après mes exercices",
            "depuis le dîner",
            "là, maintenant",
            "ce soir",
            "depuis mon réveil",
            "depuis 20 minutes",
            "depuis hier soir",
            "pendant que je me reposais",
        ],
        "x": [
            "les squats",
            "les ponts",
            "les montées sur la pointe des pieds",
            "les fentes",
            "les pompes au mur",
            "la marche",
            "les exercices avec l'élastique",
            "les levées de jambe",
            "l'exercice d'équilibre",
            "les assis-debout",
        ],
        "who": [
            "mon conjoint",
            "ma conjointe",
            "ma mère",
            "mon père",
            "ma blonde",
            "mon chum",
            "ma grand-mère",
            "mon fils",
        ],
    },
}

RAMBLE = {
    "en": {
        "before": [
            "Hi, sorry to bother you this late.",
            "Good morning! I did my usual walk with the dog and had breakfast, then",
            "So today was a long day, I went to the pharmacy and got groceries and",
            "Hello, this is about my programme.",
            "I wasn't sure if I should text this or not, but",
            "Just a quick update before my daughter comes over.",
            "Ok so I started the exercises after my coffee like you said and",
            "Hi it's me again.",
        ],
        "after": [
            "Anyway I'll wait to hear from you.",
            "Not sure what to do, should I keep going with the programme?",
            "I haven't told anyone else yet.",
            "My appointment is next Tuesday, I think.",
            "Sorry for the long message.",
            "Thanks for your help.",
            "I took my usual pills this morning.",
            "Let me know.",
        ],
    },
    "fr": {
        "before": [
            "Bonjour, désolée de vous déranger si tard.",
            "Bon matin! J'ai fait ma marche avec le chien et j'ai déjeuné, puis",
            "Longue journée aujourd'hui, je suis allé à la pharmacie et à l'épicerie et",
            "Bonjour, c'est au sujet de mon programme.",
            "Je savais pas si je devais écrire ça ou non, mais",
            "Petite nouvelle avant que ma fille arrive.",
            "Alors j'ai commencé les exercices après mon café comme prévu et",
            "Allô c'est encore moi.",
        ],
        "after": [
            "En tout cas j'attends de vos nouvelles.",
            "Je sais pas quoi faire, est-ce que je continue le programme?",
            "J'en ai parlé à personne d'autre encore.",
            "Mon rendez-vous est mardi prochain, je pense.",
            "Désolée pour le long message.",
            "Merci de votre aide.",
            "J'ai pris mes pilules comme d'habitude ce matin.",
            "Dites-moi.",
        ],
    },
}

SMS = {
    "en": [
        (r"\byou\b", "u"),
        (r"\bbecause\b", "bc"),
        (r"\bI'm\b", "im"),
        (r"\bcan't\b", "cant"),
        (r"\bdon't\b", "dont"),
        (r"\breally\b", "rly"),
        (r"\bright now\b", "rn"),
        (r"\bsomething\b", "smth"),
        (r"\bwith\b", "w"),
        (r"\btonight\b", "2nite"),
        (r"\bI\b", "i"),
        (r"'", ""),
    ],
    "fr": [
        (r"\bje ne\b", "je"),
        (r"\bne\b ", ""),
        (r"\bn'", ""),
        (r"\bje suis\b", "jsuis"),
        (r"\bje peux\b", "jpeux"),
        (r"\bj'ai\b", "jai"),
        (r"\bbeaucoup\b", "bcp"),
        (r"\bparce que\b", "pcq"),
        (r"\bquelque chose\b", "qqch"),
        (r"\btoujours\b", "tjrs"),
        (r"\bdans\b", "ds"),
        (r"'", " "),
    ],
}
QUEBEC = [
    (r"\bje ne\b", "je"),
    (r"\bne\b ", ""),
    (r"\bn'", ""),
    (r"\bje suis\b", "chu"),
    (r"\bje peux\b", "jpeux"),
    (r"\bplus\b", "pu"),
    (r"\bet\b", "pis"),
    (r"\bbeaucoup\b", "en masse"),
    (r"\bdifficulté\b", "misère"),
    (r"\bmaintenant\b", "asteure"),
    (r"\bpetit\b", "ptit"),
]
EMOJI = ["😟", "😩", "🙁", "😬", "🤕", "😢", "!!", "!!!", "...", "??"]
KEYS = "qwertyuiopasdfghjklzxcvbnm"


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fill(line: str, lang: str, rng: random.Random) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: rng.choice(SLOTS[lang][m.group(1)]), line)


def typos(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    for i in rng.sample(long, min(len(long), rng.choice([1, 1, 2]))):
        w = words[i]
        j = rng.randrange(1, len(w) - 1)
        kind = rng.choice(["drop", "swap", "double", "key"])
        if kind == "drop":
            w = w[:j] + w[j + 1 :]
        elif kind == "swap":
            w = w[: j - 1] + w[j] + w[j - 1] + w[j + 1 :]
        elif kind == "double":
            w = w[:j] + w[j] + w[j:]
        else:
            w = w[:j] + rng.choice(KEYS) + w[j + 1 :]
        words[i] = w
    return " ".join(words)


def rewrite(text: str, rules: list[tuple[str, str]]) -> str:
    for pattern, replacement in rules:
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    return text


def voice(text: str, lang: str, name: str, rng: random.Random) -> str:
    if name == "sms":
        out = rewrite(text, SMS[lang]).lower().replace(",", "").replace(".", "")
        return strip_accents(out) if lang == "fr" and rng.random() < 0.7 else out
    if name == "typos":
        return typos(text, rng)
    if name == "shout":
        out = text.upper() if rng.random() < 0.5 else text
        out = re.sub(
            r"\b(so|very|really|tellement|très)\b", lambda m: m.group(0) + m.group(0)[-1] * 2, out
        )
        return out + " " + rng.choice(EMOJI)
    if name == "ramble":
        words = RAMBLE[lang]
        return f"{rng.choice(words['before'])} {text}. {rng.choice(words['after'])}"
    if name == "quebec":
        out = rewrite(text, QUEBEC)
        return strip_accents(out) if rng.random() < 0.5 else out
    if name == "plain-lower":
        return text[0].lower() + text[1:]
    return text[0].upper() + text[1:]


VOICES = {
    "en": ["plain", "sms", "typos", "ramble", "shout", "plain-lower", "sms", "typos"],
    "fr": ["plain", "quebec", "sms", "typos", "ramble", "shout", "quebec", "plain-lower"],
}


def lines(block: str) -> list[str]:
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def family_rows(
    family: str, line: str, lang: str, expected: str, sign: str, kind: str, count: int
) -> list[Row]:
    rng = random.Random(f"{SEED}:{family}")
    is_family = line.startswith("F:")
    base = line[2:] if is_family else line
    voices = VOICES[lang][:]
    rng.shuffle(voices)
    out: list[Row] = []
    seen: set[str] = set()
    for n in range(count * 3):
        if len(out) == count:
            break
        name = voices[n % len(voices)] if n else "plain"
        text = voice(fill(base, lang, rng), lang, name, rng).strip()
        if text.lower() in seen:
            continue
        seen.add(text.lower())
        who = "family" if is_family else "patient"
        out.append(Row("", family, "", lang, f"{who}/{name}", expected, sign, kind, text))
    return out


def build() -> list[Row]:
    rows: list[Row] = []
    for lang, module in (("en", english), ("fr", french)):
        for sign, block in module.SIGNS.items():
            found = lines(block)
            count = math.ceil(PER_SIGN / len(found))
            for i, line in enumerate(found):
                family = f"{lang}-{sign}-{i:02d}"
                rows += family_rows(family, line, lang, LEVELS[sign], sign, "sign", count)
        for sign, block in module.LOOK_ALIKES.items():
            for i, line in enumerate(lines(block)):
                family = f"{lang}-{sign}-like-{i:02d}"
                rows += family_rows(family, line, lang, "benign", "", "look-alike", 5)
        for sign, block in module.NEGATED.items():
            for i, line in enumerate(lines(block)):
                family = f"{lang}-{sign}-neg-{i:02d}"
                rows += family_rows(family, line, lang, "confirm", sign, "negated", 4)
        for i, line in enumerate(lines(module.EVERYDAY)):
            family = f"{lang}-everyday-{i:02d}"
            rows += family_rows(family, line, lang, "benign", "", "everyday", 4)
    return split(rows) + more_rows(first=len(rows) + 1)


def more_rows(first: int) -> list[Row]:
    """The later rounds of families, all in ``train``: the second (``english_more``,
    ``french_more``), the third (``english_r3``, ``french_r3``), then the fourth
    (``english_r4``, ``french_r4``: instructions about the programme and more look-alikes), then
    the fifth (``english_r5``, ``french_r5``: signs in the wider vocabulary of people who never
    saw the corpus, and hard look-alikes), then the sixth (``english_r6``, ``french_r6``: verbs
    of thinking around signs, passive death wishes, negation as the symptom, combinations,
    figures of speech, long messages), then every button label of ``content/messages.yaml``
    in both languages as an everyday message (a patient who types the button means it).

    They come after the first round's rows and take no part in its split, so the first
    held-out part stays exactly as it was, family for family; a line already written in an
    earlier round is refused.
    """
    rows: list[Row] = []
    first_round = {
        line.lower()
        for module in (english, french)
        for table in (module.SIGNS, module.LOOK_ALIKES, module.NEGATED)
        for block in table.values()
        for line in lines(block)
    } | {line.lower() for module in (english, french) for line in lines(module.EVERYDAY)}
    rounds = (
        ("r2", english_more, french_more),
        ("r3", english_r3, french_r3),
        ("r4", english_r4, french_r4),
        ("r5", english_r5, french_r5),
        ("r6", english_r6, french_r6),
    )
    for name, english_round, french_round in rounds:
        for lang, module in (("en", english_round), ("fr", french_round)):
            for table in (module.SIGNS, module.LOOK_ALIKES, getattr(module, "NEGATED", {})):
                for block in table.values():
                    again = [line for line in lines(block) if line.lower() in first_round]
                    if again:  # it could be a held-out family, now on the train side
                        raise ValueError(f"already an earlier family: {again[0]!r}")
            for sign, block in module.SIGNS.items():
                for i, line in enumerate(lines(block)):
                    family = f"{lang}-{sign}-{name}-{i:02d}"
                    rows += family_rows(family, line, lang, LEVELS[sign], sign, "sign", 4)
            for sign, block in module.LOOK_ALIKES.items():
                for i, line in enumerate(lines(block)):
                    family = f"{lang}-{sign}-like-{name}-{i:02d}"
                    rows += family_rows(family, line, lang, "benign", "", "look-alike", 5)
            for sign, block in getattr(module, "NEGATED", {}).items():
                for i, line in enumerate(lines(block)):
                    family = f"{lang}-{sign}-neg-{name}-{i:02d}"
                    rows += family_rows(family, line, lang, "confirm", sign, "negated", 4)
        for lang, module in (("en", english_round), ("fr", french_round)):
            for i, line in enumerate(lines(getattr(module, "EVERYDAY", ""))):
                family = f"{lang}-everyday-{name}-{i:02d}"
                rows += family_rows(family, line, lang, "benign", "", "everyday", 4)
        first_round |= {
            line.lower()
            for module in (english_round, french_round)
            for table in (module.SIGNS, module.LOOK_ALIKES, getattr(module, "NEGATED", {}))
            for block in table.values()
            for line in lines(block)
        }
    for lang, labels in button_labels().items():
        for i, label in enumerate(labels):
            family = f"{lang}-everyday-button-{i:02d}"
            rows += family_rows(family, label, lang, "benign", "", "everyday", 3)
    fresh = held_out_2_texts()  # never copied into training, even by chance
    rows = [r for r in rows if r.text.replace("\t", " ").lower() not in fresh]
    return [
        Row(
            f"m{n:05d}",
            r.family,
            "train",
            r.lang,
            r.voice,
            r.expected,
            r.sign,
            r.kind,
            r.text.replace("\t", " "),
        )
        for n, r in enumerate(rows, start=first)
    ]


def button_labels() -> dict[str, list[str]]:
    """Every button label of ``content/messages.yaml``, in each language, once, with a
    name in place of a ``{patient}`` placeholder (the corpus's own slots use braces)."""
    from bot.content import load_content

    content = load_content()
    out: dict[str, list[str]] = {}
    for lang in content.languages:
        found: list[str] = []
        for key in content.messages.data["buttons"]:
            label = re.sub(r"\{\w+\}", "Sam", content.label(lang, key))
            if label not in found:
                found.append(label)
        out[lang] = found
    return out


HELD_OUT_SETS = (
    "heldout-2.tsv",
    "heldout-3.tsv",
    "heldout-4.tsv",
    "heldout-5.tsv",
    "heldout-6.tsv",
    "heldout-6b.tsv",
)
"""The sets written apart from the corpus (2 to 6b), in content/triage/."""


def held_out_2_texts() -> set[str]:
    """The fresh held-out sets' messages (2 to 6b), lowercased: a generated rewording that
    happens to equal one is dropped, unseen, so those sets stay apart from the corpus.
    Nothing else of them is read."""
    texts: set[str] = set()
    for name in HELD_OUT_SETS:
        path = OUT.parent / name
        if path.is_file():
            texts |= {r.text.lower() for r in read_rows(path)}
    return texts


def split(rows: list[Row]) -> list[Row]:
    """One family in four of each (language, sign, kind) group goes to heldout, by family."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for row in rows:
        key = (row.lang, row.sign, row.kind)
        if row.family not in groups.setdefault(key, []):
            groups[key].append(row.family)
    heldout: set[str] = set()
    for key in sorted(groups):
        families = sorted(groups[key])
        random.Random(f"{SEED}:{key}").shuffle(families)
        heldout |= set(families[: max(1, round(len(families) / 4))])
    out = []
    for number, row in enumerate(rows, start=1):
        side = "heldout" if row.family in heldout else "train"
        out.append(
            Row(
                f"m{number:05d}",
                row.family,
                side,
                row.lang,
                row.voice,
                row.expected,
                row.sign,
                row.kind,
                row.text.replace("\t", " "),
            )
        )
    return out


def main() -> None:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    write_rows(OUT, rows)
    print(f"{len(rows)} messages written to {OUT}")


if __name__ == "__main__":
    main()
