"""The layers hold: every core module imports in a fresh interpreter without Textual
(harlequin's test_import_hygiene); only tui/app (the screens, widgets and the serve session) may."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import tui
from tests.helpers import HANG_GUARD

ROOT = Path(__file__).resolve().parent.parent
APP = "tui.app"


def core_modules() -> list[str]:
    out = []
    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        in_app = info.name == APP or info.name.startswith(APP + ".")
        if not in_app and not info.name.endswith("__main__"):
            out.append(info.name)
    return out


@pytest.mark.parametrize("chunk", [0, 1])
def test_core_modules_import_no_textual(chunk):
    mods = core_modules()[chunk::2]
    code = ("import importlib, sys\n"
            f"for m in {mods!r}:\n"
            "    importlib.import_module(m)\n"
            "    bad = sorted(k for k in sys.modules if k == 'textual' or k.startswith('textual.'))\n"
            "    assert not bad, (m, bad[:3])\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=HANG_GUARD)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_the_list_covers_the_new_core():
    mods = set(core_modules())
    assert {"tui.cursor", "tui.layout", "tui.workspace", "tui.editing", "tui.jump", "tui.quickattrs",
            "tui.store", "tui.model", "tui.serve_access"} <= mods
