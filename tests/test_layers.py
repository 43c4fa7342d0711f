"""The layers of tui/ (pyproject.toml [tool.importlinter]): every import points down and
nothing below the app imports Textual; and the check fails when an import points up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import HANG_GUARD

ROOT = Path(__file__).resolve().parent.parent


def lint(root: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if exe is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run([exe, "--config", str(root / "pyproject.toml"), "--no-cache"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=HANG_GUARD)


def test_the_contracts_hold():
    done = lint(ROOT)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


@pytest.mark.parametrize("module, line, contract", [
    ("tui/store/files.py", "import tui.app.terminal", "Layers point down"),  # the store reaching up to the app
    ("tui/corpus.py", "from tui.team import status", "Layers point down"),  # the corpus reaching up to a domain
    ("tui/model.py", "import textual.widget", "No Textual below the app"),
])
def test_the_contracts_fail_on_an_import_that_breaks_them(tmp_path, module, line, contract):
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "tui", copy / "tui", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    target = copy / module
    target.write_text(target.read_text() + f"\n{line}  # an upward import\n")
    done = lint(copy)
    assert done.returncode != 0
    broken = [ln for ln in done.stdout.splitlines() if ln.rstrip().endswith("BROKEN")]
    assert any(contract in ln for ln in broken), done.stdout[-2000:]
    assert module.replace("/", ".").removesuffix(".py") in done.stdout
