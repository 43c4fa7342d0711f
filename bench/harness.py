"""Headless apps under a stopwatch, run in a fresh interpreter by the benchmarks.

Frames are timed with ``App.post_display_hook`` (public; called right after the screen's
compositor produced a frame), so a figure is the time until the frame a user would see,
without Pilot's own idle waits. ``python -m bench.harness MODE APP ...`` prints one JSON
line; the imports of the measured app happen inside the measured span only for
``startup``.

Apps: ``margin`` (the annotator), ``textarea`` (a read-only ``TextArea`` with the same
text), ``static`` (a ``Static(Content(text))``), ``empty`` (an App with nothing).
"""

from __future__ import annotations

import asyncio
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ANNOTATOR = "bench"
SIZE = (80, 24)
SLOT = 0.01  # seconds between idle checks


# --------------------------------------------------------------------------- apps


def _timed(cls):
    """``cls`` recording (wall, cpu, screen name) of every composed frame in ``bench_frames``."""

    class Timed(cls):
        def post_display_hook(self) -> None:
            super().post_display_hook()
            frames = self.__dict__.setdefault("bench_frames", [])
            frames.append((time.perf_counter(), time.process_time(), type(self.screen).__name__))

    Timed.__name__ = f"Timed{cls.__name__}"
    Timed.__module__ = cls.__module__  # a relative CSS_PATH resolves next to the original
    return Timed


def margin_app(root: str, doc_id: str):
    from tui.app.app import MarginApp
    from tui.corpus import Corpus

    return _timed(MarginApp)(Corpus(Path(root)), ANNOTATOR, doc_id)


def _text(root: str, doc_id: str) -> str:
    from tui.corpus import read_text

    return read_text(Path(root) / "seeds" / f"{doc_id}.txt")


def textarea_app(root: str, doc_id: str):
    from textual.app import App
    from textual.widgets import TextArea

    text = _text(root, doc_id)

    class TextAreaApp(App):
        def compose(self):
            area = TextArea(text, read_only=True)
            area.cursor_blink = False  # no timer frames in the measured windows
            yield area

    return _timed(TextAreaApp)()


def static_app(root: str, doc_id: str):
    from textual.app import App
    from textual.content import Content
    from textual.widgets import Static

    text = Path(root, "seeds", f"{doc_id}.txt").read_text(encoding="utf-8")

    class StaticApp(App):
        def compose(self):
            yield Static(Content(text))

    return _timed(StaticApp)()


def lines_app(root: str, doc_id: str):
    """The bare Line-API baseline: a ScrollView drawing the article's lines as they are
    (no wrapping, no spans, no cursor): what the widget layer costs."""
    from rich.segment import Segment
    from textual.app import App
    from textual.geometry import Size
    from textual.scroll_view import ScrollView
    from textual.strip import Strip

    text = _text(root, doc_id)

    class Lines(ScrollView, can_focus=True, inherit_bindings=False):  # its own page keys, not the animated ones
        def on_mount(self) -> None:
            self.lines = text.split("\n")
            self.virtual_size = Size(max(map(len, self.lines[:2000]), default=1), len(self.lines))

        def render_line(self, y: int) -> Strip:
            row = y + int(self.scroll_offset.y)
            if row >= len(self.lines):
                return Strip.blank(self.size.width)
            return Strip([Segment(self.lines[row])]).crop(0, self.size.width)

    class LinesApp(App):
        BINDINGS = [("pagedown", "page(1)"), ("pageup", "page(-1)"), ("j", "line(1)"), ("k", "line(-1)")]

        def compose(self):
            yield Lines()

        def action_page(self, d: int) -> None:
            view = self.query_one(Lines)
            view.scroll_to(y=view.scroll_offset.y + d * view.size.height, animate=False, immediate=True)

        def action_line(self, d: int) -> None:
            view = self.query_one(Lines)
            view.scroll_to(y=view.scroll_offset.y + d, animate=False, immediate=True)

    return _timed(LinesApp)()


def empty_app(root: str, doc_id: str):
    from textual.app import App

    return _timed(App)()


APPS = {"margin": margin_app, "textarea": textarea_app, "static": static_app, "empty": empty_app,
        "lines": lines_app}


def preload(name: str) -> None:
    """Import what ``name`` needs, so ``open`` times the opening and not the imports."""
    import textual.app  # noqa: F401
    import textual.widgets  # noqa: F401

    if name == "margin":
        import tui.app.app  # noqa: F401
    elif name == "textarea":
        from textual.widgets import TextArea  # noqa: F401
    elif name == "static":
        from textual.widgets import Static  # noqa: F401
    elif name == "lines":
        import textual.scroll_view  # noqa: F401


# --------------------------------------------------------------------------- timing


async def settle(app, quiet: float = 0.1, limit: float = 30.0) -> None:
    """Wait until the app drew no frame for ``quiet`` seconds and the process is idle.

    Unlike ``Pilot.pause`` this never forces a screen update, so every recorded frame is
    one the app drew by itself, at the time it would have reached the terminal."""
    frames = app.__dict__.setdefault("bench_frames", [])
    start = time.perf_counter()
    seen, since = len(frames), start
    while True:
        c0, t0 = time.process_time(), time.perf_counter()
        await asyncio.sleep(SLOT)
        busy = time.process_time() - c0 > 0.1 * (time.perf_counter() - t0)
        now = time.perf_counter()
        if len(frames) != seen or busy:
            seen, since = len(frames), now
        elif now - since >= quiet or now - start > limit:
            return


def _check(app) -> None:
    if getattr(app, "error", None):
        raise SystemExit(f"the app stopped: {app.error}")
    if not getattr(app, "bench_frames", None):
        raise SystemExit("the app drew no frame")


def _opened(app, t0: float, c0: float, content_screen: str | None) -> dict:
    frames = app.bench_frames
    first = next((f for f in frames if content_screen is None or content_screen in f[2]), frames[0])
    last = frames[-1]
    return {"first_ms": (first[0] - t0) * 1000, "settled_ms": (last[0] - t0) * 1000,
            "settled_cpu_ms": (last[1] - c0) * 1000, "frames": len(frames)}


def _screen_of(name: str) -> str | None:
    return "AnnotateScreen" if name == "margin" else None


async def measure_open(name: str, root: str, doc_id: str, size=SIZE) -> dict:
    """From constructing the app to its settled first screen (imports done before)."""
    preload(name)
    t0, c0 = time.perf_counter(), time.process_time()
    app = APPS[name](root, doc_id)
    async with app.run_test(size=size) as pilot:
        await settle(app)
        _check(app)
        return _opened(app, t0, c0, _screen_of(name))


#: the keys measured, in the order pressed each round: (kind, key); "prep" keys are pressed
#: but not reported (+1 token and +1 line a round, so 20 rounds stay inside the seed)
ROUND = (("token", "l"), ("token", "l"), ("token", "h"), ("line", "j"), ("line", "j"),
         ("line", "k"), ("page", "pagedown"), ("page", "pageup"), ("tag", "a"), ("attr", "2"),
         ("undo", "u"), ("undo", "u"), ("prep", "tab"), ("accept", "enter"), ("undo", "u"),
         ("prep", "escape"), ("noop", "z"))
#: the bare view has no cursor: only its scrolling keys are comparable
BASELINE_ROUND = (("line", "j"), ("line", "j"), ("line", "k"), ("page", "pagedown"), ("page", "pageup"),
                  ("noop", "z"))


async def press(app, key: str) -> dict:
    """Post one key event; the time to the last frame it caused and the CPU used until then
    (for a key that draws nothing, the CPU until the app was idle again)."""
    from textual import events

    frames = app.__dict__.setdefault("bench_frames", [])
    n = len(frames)
    t0, c0 = time.perf_counter(), time.process_time()
    app.post_message(events.Key(key, key if len(key) == 1 else None))
    await settle(app)
    new = frames[n:]
    if not new:
        return {"frames": 0, "cpu_ms": (time.process_time() - c0) * 1000}
    return {"frames": len(new), "first_ms": (new[0][0] - t0) * 1000,
            "ms": (new[-1][0] - t0) * 1000, "cpu_ms": (new[-1][1] - c0) * 1000}


async def measure_keys(name: str, root: str, doc_id: str, rounds: int, size=SIZE) -> dict:
    """Press ROUND ``rounds`` times on a copy of the corpus (nothing is saved meanwhile)."""
    preload(name)
    if name == "margin":
        import tui.app.screens.annotate as annotate

        annotate.AUTOSAVE_DELAY = 1e6  # the autosave worker is the save benchmark's business
    with tempfile.TemporaryDirectory(prefix="margin-bench-") as tmp:
        shutil.copytree(root, tmp, dirs_exist_ok=True)
        app = APPS[name](tmp, doc_id)
        async with app.run_test(size=size) as pilot:
            await settle(app)
            _check(app)
            if name == "margin" and not app.screen.show_ghosts:
                await press(app, "S")  # long articles: suggestions on demand (accepting needs them)
                await app.workers.wait_for_complete()
                await settle(app)
            samples = []
            moved = 0
            for _ in range(rounds):
                for kind, key in (ROUND if name == "margin" else BASELINE_ROUND):
                    before = _state(app)
                    s = await press(app, key)
                    moved += _state(app) != before
                    samples.append({"kind": kind, "key": key, "changed": _state(app) != before, **s})
            return {"samples": samples, "changed": moved, "maxrss_kb": _maxrss()}


def _state(app):
    screen = app.screen
    session = getattr(screen, "session", None)
    return (getattr(screen, "sel", None), getattr(session, "version", None))


async def measure_memory(name: str, root: str, doc_id: str, size=SIZE) -> dict:
    """Peak RSS after opening and paging through the document a little."""
    preload(name)
    app = APPS[name](root, doc_id)
    async with app.run_test(size=size) as pilot:
        await settle(app)
        _check(app)
        for key in ("pagedown",) * 5 + ("j", "l"):
            await press(app, key)
    return {"maxrss_kb": _maxrss()}


def _maxrss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def startup(name: str, root: str, doc_id: str) -> dict:
    """Everything from interpreter start: imports, the command line, the first frames.
    ``margin`` goes through ``tui.cli.main`` with the app run headless."""
    if name == "margin":
        import tui.app.app as appmod
        from tui import cli

        out = {}

        def run_app(corpus, annotator, doc_id):
            app = _timed(appmod.MarginApp)(corpus, annotator, doc_id)
            out.update(asyncio.run(_startup_frames(app, "AnnotateScreen")))
            return 0

        appmod.run_app = run_app
        import tui.app.terminal as terminal

        terminal.needs_terminal = lambda what: None  # headless on purpose: no terminal here
        code = cli.main(["annotate", "--corpus", root, "--annotator", ANNOTATOR, doc_id])
        if code:
            raise SystemExit(f"margin exited with {code}")
        return out
    return asyncio.run(_startup_frames(APPS[name](root, doc_id), None))


async def _startup_frames(app, content_screen: str | None) -> dict:
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        _check(app)
        frames = app.bench_frames
        first = next((f for f in frames if content_screen is None or content_screen in f[2]), frames[0])
        return {"first_at": first[0], "settled_at": frames[-1][0]}


def parse_all(root: str) -> dict:
    """The export baseline: every annotation file read and parsed with CSafeLoader."""
    import yaml

    t0 = time.perf_counter()
    n = spans = 0
    for path in sorted(Path(root, "annotations").glob("*/*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        n += 1
        spans += len(data["spans"])
    return {"files": n, "spans": spans, "seconds": time.perf_counter() - t0}


def main(argv: list[str]) -> None:
    mode, *rest = argv
    if mode == "startup":
        out = startup(*rest)
    elif mode == "open":
        name, root, doc_id, w, h = rest
        out = asyncio.run(measure_open(name, root, doc_id, (int(w), int(h))))
        out["maxrss_kb"] = _maxrss()
    elif mode == "keys":
        name, root, doc_id, rounds, w, h = rest
        out = asyncio.run(measure_keys(name, root, doc_id, int(rounds), (int(w), int(h))))
    elif mode == "memory":
        out = asyncio.run(measure_memory(*rest))
    elif mode == "parse":
        out = parse_all(*rest)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
