"""The labelled corpus (``content/triage/corpus.tsv``) and other labelled files to evaluate.

One row per message, tab-separated, with a header:

- ``id``: unique; ``family``: the paraphrase family (a message and its rewordings share it);
- ``split``: ``train`` or ``heldout``, decided per family, so rewordings never straddle it;
- ``lang``: ``en`` or ``fr``; ``voice``: who is writing (patient, family, sms, quebec, ...);
- ``expected``: ``emergency``, ``urgent``, ``routine`` (a sign at that level), ``confirm`` (a
  negated or doubtful mention: the bot must ask) or ``benign`` (nothing to raise);
- ``sign``: the sign id for the first four, empty for ``benign``;
- ``kind``: ``sign``, ``look-alike`` (a figure of speech or near miss), ``everyday``, ``negated``;
- ``text``: the message.

The old corpus (``tests/triage/corpus.csv``: lang, expected, sign, text) reads the same way.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CORPUS_FILE = Path("triage") / "corpus.tsv"  # inside the content folder
FIELDS = ("id", "family", "split", "lang", "voice", "expected", "sign", "kind", "text")
EXPECTED = ("emergency", "urgent", "routine", "confirm", "benign")


@dataclass(frozen=True)
class Row:
    id: str
    family: str
    split: str
    lang: str
    voice: str
    expected: str
    sign: str
    kind: str
    text: str


def read_rows(path: Path) -> list[Row]:
    """A labelled TSV (this corpus's columns) or CSV (the old corpus's); refuses bad labels."""
    delimiter = "\t" if path.suffix in (".tsv", ".tab") else ","
    rows: list[Row] = []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
        missing = {"expected", "text"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: needs the columns {', '.join(sorted(missing))}")
        for number, raw in enumerate(reader, start=2):
            expected = (raw.get("expected") or "").strip()
            if expected not in EXPECTED:
                raise ValueError(f"{path}:{number}: expected must be one of {', '.join(EXPECTED)}")
            sign = (raw.get("sign") or "").strip()
            if (expected == "benign") != (not sign):
                raise ValueError(f"{path}:{number}: a sign is needed unless benign")
            rows.append(
                Row(
                    id=raw.get("id") or str(number),
                    family=raw.get("family") or str(number),
                    split=raw.get("split") or "heldout",
                    lang=raw.get("lang") or "",
                    voice=raw.get("voice") or "",
                    expected=expected,
                    sign=sign,
                    kind=raw.get("kind") or ("everyday" if expected == "benign" else "sign"),
                    text=raw.get("text") or "",
                )
            )
    return rows


def write_rows(path: Path, rows: Iterable[Row]) -> None:
    """Write rows as this corpus's TSV (used for the held-out file and by the generator)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(FIELDS)
        for row in rows:
            writer.writerow([getattr(row, name) for name in FIELDS])


def class_of(row: Row) -> str:
    """What the classifier learns for a row: the sign, or ``none`` for a benign message."""
    return row.sign or "none"


def digest(*parts: bytes) -> str:
    """A sha256 of the training inputs, stored in the model to tell when it is stale."""
    found = hashlib.sha256()
    for part in parts:
        found.update(hashlib.sha256(part).digest())
    return found.hexdigest()
