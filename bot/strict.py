"""The one strict pydantic base for everything read from the content files.

A typo in a clinic's YAML (an unknown key) is refused with its place, never ignored, and a
loaded model cannot change afterwards. Content models (``bot/content/``), the rules' own
files (``bot/rules/escalation.py``, ``warning_signs.py``) and the readiness questions all
derive from it; it lives outside ``bot/content`` so that pure rules may use it too.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Unknown keys are errors; instances are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)
