"""The bot's own button labels, typed by a patient who means the button, are never taken
for a warning sign for sure: "Texte seulement" is not "serrement" (chest tightness)."""

from __future__ import annotations

from bot.content import load_content
from bot.rules.triage import triage


def test_no_button_label_in_either_language_is_a_certain_warning_sign() -> None:
    content = load_content()
    buttons = content.messages.data["buttons"]
    labels = {content.label(lang, key) for lang in content.languages for key in buttons}
    assert "Texte seulement" in labels
    certain = [
        (label, found.signs)
        for label in sorted(labels)
        if (found := triage(label, content.warning_signs, content.classifier)).level is not None
        and not found.needs_confirmation
    ]
    assert certain == []
