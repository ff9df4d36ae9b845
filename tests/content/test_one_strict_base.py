"""One strict pydantic base for everything read from the content files (issue 10).

A model read from a clinic's file that did not derive from ``bot.strict.Strict`` would
ignore a misspelt key (``acknowledge_whithin_minutes``) instead of refusing it with its
place, and could be changed after loading. Models the code computes, never read from a
file, are listed with the reason.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from pydantic import BaseModel, ValidationError

import bot.content
import bot.rules
from bot.strict import Strict

COMPUTED = {
    "bot.content.poses.Resolved": "a keyframe worked out from the poses file, never read",
    "bot.content.poses.Drawing": "what the renderer draws, assembled from validated poses",
}


def _models() -> dict[str, type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}
    for package in (bot.content, bot.rules):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for _, value in inspect.getmembers(module, inspect.isclass):
                defined_here = value.__module__ == module.__name__
                if defined_here and issubclass(value, BaseModel) and value is not Strict:
                    found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def test_every_content_and_rules_model_read_from_a_file_derives_from_the_one_strict_base() -> None:
    models = _models()
    assert len(models) > 20  # the content and the rules models were found
    loose = sorted(name for name, model in models.items() if not issubclass(model, Strict))
    assert loose == sorted(COMPUTED)


def test_the_strict_base_refuses_an_unknown_key_and_a_change_after_loading() -> None:
    class Ladder(Strict):
        acknowledge_within_minutes: int

    with pytest.raises(ValidationError, match="acknowledge_whithin_minutes"):
        Ladder.model_validate({"acknowledge_within_minutes": 5, "acknowledge_whithin_minutes": 1})
    loaded = Ladder.model_validate({"acknowledge_within_minutes": 5})
    with pytest.raises(ValidationError):
        loaded.acknowledge_within_minutes = 50
