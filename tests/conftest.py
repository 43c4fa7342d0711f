from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = "000_84bba73946586575"


def pytest_configure(config):
    """Every test (and every margin it starts) seals with a key of this run, never the
    user's own (``tui.store.seal``)."""
    import os
    import tempfile

    if "MARGIN_KEY_FILE" not in os.environ:
        os.environ["MARGIN_KEY_FILE"] = os.path.join(tempfile.mkdtemp(prefix="margin-key-"), "key")
    # hypothesis's per-example deadline (200 ms) is a timing assertion: on a loaded machine it
    # fails tests that are right. No deadline anywhere; too_slow health checks off likewise.
    # `make test` is derandomized: every machine and every run tries the same examples, so a
    # rare counterexample never fails one CI run and passes the next. `make fuzz`
    # (MARGIN_EXPLORE=N) searches with fresh random examples, N times as many, to find them.
    from hypothesis import HealthCheck, settings

    base = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("margin", derandomize=True, database=None, **base)
    explore = os.environ.get("MARGIN_EXPLORE", "")
    times = int(explore) if explore.isdigit() else 1
    settings.register_profile("explore", max_examples=100 * max(times, 1), **base)
    settings.load_profile("explore" if explore else "margin")


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path_factory, monkeypatch):
    """margin's per-corpus cache (tui.team.status) goes to a temporary folder, never ~/.cache."""
    monkeypatch.setenv("MARGIN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "margin-cache"))


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A fresh corpus with the seed article and no annotations."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / f"{SEED}.txt", tmp_path / "seeds")
    (tmp_path / "annotations").mkdir()
    return tmp_path


@pytest.fixture
def corpus(corpus_dir):
    from tui.corpus import Corpus

    return Corpus(corpus_dir)


@pytest.fixture
def alice_file(corpus_dir) -> Path:
    """The hand-written valid file for the seed, installed as alice's annotation."""
    dest = corpus_dir / "annotations" / SEED / "alice.yaml"
    dest.parent.mkdir(parents=True)
    shutil.copy(DATA / "alice.yaml", dest)
    return dest


def pytest_addoption(parser):
    parser.addoption("--full", action="store_true",
                     help="run the long reliability versions (1,000 kills, 10x fuzzing)")


@pytest.fixture(autouse=True)
def _pause_waits_for_typed_keys(monkeypatch):
    """A key that arrives while the one before is still running waits in the app
    (tui/app/key_order.py): Pilot's pause waits for it to be handed on and handled too."""
    from textual.pilot import Pilot

    from tui.app.key_order import after_typed_keys

    pause = Pilot.pause

    async def pause_after_typed_keys(self, delay=None):
        await pause(self, delay)
        await after_typed_keys(self.app, lambda: pause(self, delay))

    monkeypatch.setattr(Pilot, "pause", pause_after_typed_keys)


@pytest.fixture(autouse=True)
def _press_waits_for_the_work(monkeypatch):
    """Pilot's press hands on each key once the one before has run its course
    (``tui.app.key_order.press_settled``) instead of sleeping until the CPU looks idle."""
    from textual.app import App

    from tui.app.key_order import press_settled

    async def press_keys(self, keys):
        await press_settled(self, keys)

    monkeypatch.setattr(App, "_press_keys", press_keys)
