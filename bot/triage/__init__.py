"""Triage tooling: the labelled corpus, training the classifier, and honest evaluation.

The layers that read patient messages at run time are pure and live in ``bot/rules/``
(``normalise``, ``warning_signs``, ``classifier``, ``triage``). This package builds their
data from the repository (``companion triage train``) and measures them (``companion triage
eval``). Nothing here is used while the bot runs.
"""
