"""What a clinic edits in ``content/``: loaded, validated and rendered per language.

``from bot.content import Content, load_content, ContentError`` is the whole public face;
the schema lives in ``models``, ``file:line`` reporting in ``located``, cross-file checks in
``consistency`` and the full ``companion content check`` in ``check``.
"""

from bot.content.library import DEFAULT_CONTENT_DIR, Content, load_content
from bot.content.located import ContentError, Problem
from bot.content.models import (
    Dosage,
    Exercise,
    ExerciseLevel,
    Media,
    PainRules,
    Phase,
    Programme,
    ProgrammeItem,
    Text,
)

__all__ = [
    "DEFAULT_CONTENT_DIR",
    "Content",
    "ContentError",
    "Dosage",
    "Exercise",
    "ExerciseLevel",
    "Media",
    "PainRules",
    "Phase",
    "Problem",
    "Programme",
    "ProgrammeItem",
    "Text",
    "load_content",
]
