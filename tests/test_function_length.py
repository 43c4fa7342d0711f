"""No function in tui/ over 60 lines (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

TUI = Path(__file__).resolve().parent.parent / "tui"
LIMIT = 60


def long_functions(root: Path = TUI) -> dict[tuple[str, str], int]:
    out = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > LIMIT:
                    out[(path.relative_to(root.parent).as_posix(), node.name)] = length
    return out


def test_no_function_over_60_lines():
    assert long_functions() == {}, f"functions over {LIMIT} lines"


def test_the_check_sees_a_long_function(tmp_path):
    pkg = tmp_path / "tui"
    pkg.mkdir()
    (pkg / "m.py").write_text("def f():\n" + "    x = 1\n" * LIMIT + "\n\ndef g():\n    return 1\n")
    assert long_functions(pkg) == {("tui/m.py", "f"): LIMIT + 1}
