"""One transaction per use case: a service only adds, runs statements and flushes.

The edge commits once (``with open_db()``: a handler's answer, the tick's handler for a due
row, a CLI command), so a service that committed on its own would split a use case in two,
and a crash between the halves would leave half a decision (issue 10). This reads every
module under ``bot/services`` and refuses a call to ``commit`` or ``rollback``.
"""

from __future__ import annotations

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "bot" / "services"


def _transaction_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"commit", "rollback"}
        ):
            found.append(f"{path.relative_to(SERVICES.parent.parent)}:{node.lineno}")
    return found


def test_no_service_module_commits_or_rolls_back_its_callers_transaction() -> None:
    modules = sorted(SERVICES.rglob("*.py"))
    assert len(modules) > 20  # the feature packages were found
    calls = [call for module in modules for call in _transaction_calls(module)]
    assert calls == []
