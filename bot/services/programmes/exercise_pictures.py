"""Which picture goes with an exercise: the clinic's own file, else the drawing of its poses.

A patient who chose "text only" (``Patient.pictures``) gets none. Every picture keeps its
alt text, in the patient's language, in its caption.
"""

from __future__ import annotations

from pathlib import Path

from bot.content import Content
from bot.db.models import Patient
from bot.services.outgoing import AlbumPicture, Drawn


def alt_text(content: Content, lang: str, exercise_id: str, level: int) -> str:
    """What the picture shows, in words: the clinic's alt text, or the drawing's."""
    exercise = content.exercises[exercise_id]
    if exercise.media is not None and exercise.media.alt:
        return exercise.media.alt[lang]
    if exercise.poses is not None and exercise.poses.alt:
        return exercise.poses.alt[lang]
    return content.render(lang, "picture_drawn", name=exercise.at_level(level).name[lang])


def step_picture(
    content: Content, patient: Patient, exercise_id: str, level: int
) -> tuple[Path | str | None, Drawn | None]:
    """``(photo, animation)`` for one step: the clinic's photo, else the animation."""
    if not patient.pictures:
        return None, None
    exercise = content.exercises[exercise_id]
    photo = content.media_path(exercise)
    if photo is not None:
        return photo, None
    if exercise.poses is not None:
        return None, Drawn(exercise_id, level, "animation")
    return None, None


def caption_line(content: Content, lang: str, exercise_id: str, level: int) -> str:
    """The alt text as the caption's last line."""
    return content.render(lang, "picture_alt", alt=alt_text(content, lang, exercise_id, level))


def album(
    content: Content, patient: Patient, items: list[tuple[str, int]]
) -> tuple[AlbumPicture, ...]:
    """The day's stills for the one-message session (clinic photos where there are some).

    Telegram's albums hold 2 to 10 pictures; with fewer than 2 there is no album.
    """
    if not patient.pictures:
        return ()
    pictures = []
    lang = patient.language
    for exercise_id, level in items:
        exercise = content.exercises[exercise_id]
        source: Drawn | Path | str | None = content.media_path(exercise)
        if source is None and exercise.poses is not None:
            source = Drawn(exercise_id, level, "still")
        if source is not None:
            pictures.append(AlbumPicture(source, alt_text(content, lang, exercise_id, level)))
    return tuple(pictures[:10]) if len(pictures) >= 2 else ()
