"""One transaction per use case: a service only adds, runs statements and flushes.

The edge commits once (``with open_db()``: a handler's answer, the tick's handler for a due
row, a CLI command), so a service that committed on its own would split a use case in two,
and a crash between the halves would leave half a decision (issue 10). This reads every
module under ``bot/services`` and refuses a call to ``commit`` or ``rollback``, and a
transaction of its own: ``open_db()`` or ``UseCase(...)`` (both commit when their block ends),
or a new engine or session factory to open one with. Only the tick's job modules, which are
the edge for a due row, may open one; they are listed below with the reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "bot" / "services"

# The calls that open a transaction of their own (each commits when its ``with`` block ends).
OPENS_A_TRANSACTION = {"open_db", "UseCase", "Session", "session_factory", "make_engine"}

# The edge of the tick: each due row's handler opens that row's one transaction.
TICK_JOB_MODULES = {
    "alerts/jobs.py": "the alert ladder's and the digest offer's due rows",
    "reminders/jobs.py": "the routine kinds' due rows (sessions, reminders, check-ins)",
    "reminders/composer.py": "a routine row composed in a worker process, with its own engine",
    "staff/digest_jobs.py": "the staff digests' due rows",
}


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _calls(path: Path, names: set[str]) -> list[str]:
    where = path.relative_to(SERVICES) if path.is_relative_to(SERVICES) else path.name
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and _called_name(node) in names:
            found.append((node.lineno, f"{where}:{node.lineno} {_called_name(node)}()"))
    return [call for _, call in sorted(found)]


def _modules() -> list[Path]:
    modules = sorted(SERVICES.rglob("*.py"))
    assert len(modules) > 20  # the feature packages were found
    return modules


def test_no_service_module_commits_or_rolls_back_its_callers_transaction() -> None:
    calls = [call for module in _modules() for call in _calls(module, {"commit", "rollback"})]
    assert calls == []


def test_no_service_opens_a_transaction_of_its_own_outside_the_ticks_job_modules() -> None:
    allowed = {SERVICES / name for name in TICK_JOB_MODULES}
    calls = [
        call
        for module in _modules()
        if module not in allowed
        for call in _calls(module, OPENS_A_TRANSACTION)
    ]
    assert calls == []


def test_every_allowed_job_module_exists_and_still_opens_its_rows_transaction() -> None:
    # An allow-list entry that no longer opens anything is a hole waiting to be used.
    for name in TICK_JOB_MODULES:
        assert _calls(SERVICES / name, OPENS_A_TRANSACTION), name


def test_the_check_finds_a_service_that_opens_its_own_use_case(tmp_path: Path) -> None:
    module = tmp_path / "sneaky.py"
    module.write_text(
        "def f(open_db, engine):\n"
        "    with open_db() as db:\n"
        "        pass\n"
        "    with UseCase(engine) as db:\n"
        "        pass\n",
        encoding="utf-8",
    )
    assert _calls(module, OPENS_A_TRANSACTION) == [
        "sneaky.py:2 open_db()",
        "sneaky.py:4 UseCase()",
    ]
