"""Keys in the order they were typed, each one where it would go typed slowly.

Textual hands a key to the focused widget when the app takes it from its queue, and runs
the key's binding later, when the key has bubbled back up to the app. A terminal delivers a
fast typist's keys, a paste of keys, a key macro or the keys typed while the app was busy
in one read, so every one of them is handed to the widget that was focused *before* the
first of them ran: ``/hun manet⏎a`` typed in one go tagged "h"… in the article instead of
searching, and the ``a`` after ``enter`` went into the hidden search box. Opening a search,
a note or a form, and closing one, changes where keys go only once the key that did it has
run its course.

:class:`KeysInOrder` holds a key that arrives while the previous one is still running
(its handlers, its binding, the messages and screens they made) and sends it on once every
message queue of the app and of the screen on top is drained. A key typed into an idle app (every
queue empty) goes straight through, as before, with no marker posted: only a burst waits,
one key at a time.
"""

from __future__ import annotations

import asyncio
import unicodedata
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Iterator

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.message_pump import MessagePump

QUIET_ROUNDS = 2  # consecutive rounds with every queue empty before and after
POLL = 0.1  # seconds between looks for a pump that closed with a marker pending
MAX_ROUNDS = 64  # a pump that never drains (an animation) delays the next key, never drops it


class KeysInOrder(App):
    """An app that hands on each key only after the one before it has settled."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._typed_ahead: deque[events.Key] = deque()
        self._settling: asyncio.Task[None] | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._typed_ahead or not quiet_now(self):
                self._typed_ahead.append(event)
                if self._settling is None or self._settling.done():
                    self._settling = asyncio.create_task(self._send_when_settled())
                return
        await super().on_event(event)  # priority bindings, then the focused widget

    @property
    def keys_pending(self) -> bool:
        """Typed keys not yet handed on (tests wait for them as for any work)."""
        return self._settling is not None and not self._settling.done()

    async def wait_for_typed_keys(self) -> None:
        while self._settling is not None and not self._settling.done():
            await asyncio.shield(self._settling)

    async def _send_when_settled(self) -> None:
        while self._typed_ahead and self.is_running:
            await settled(self)
            await _laid_out(self)
            if self._typed_ahead:
                done = asyncio.Event()
                self.call_later(self._send_next, done)
                while not done.is_set() and self.is_running:  # an app that quit never runs it
                    await asyncio.wait([asyncio.ensure_future(done.wait())], timeout=POLL)
        self._typed_ahead.clear()  # keys typed after the one that quit go nowhere

    async def _send_next(self, done: asyncio.Event) -> None:
        try:
            await super().on_event(self._typed_ahead.popleft())
        finally:
            done.set()


async def after_typed_keys(app: App, pause: Callable[[], Awaitable[None]]) -> None:
    """For whatever drives the app by keys (Pilot, in tests and benches): once ``pause``
    returned, wait until no typed key is held either, pausing again after each."""
    while isinstance(app, KeysInOrder) and app.keys_pending:
        await app.wait_for_typed_keys()
        await pause()


async def press_settled(app: App, keys: Iterable[str]) -> None:
    """Type ``keys`` into ``app`` one at a time, each once the one before has run its
    course (``settled``), as a careful typist would: for whatever drives the app by keys
    (tests, the keys-per-span replay). Textual's own ``Pilot.press`` waits after each key
    until the process's CPU has been idle for two 20 ms sleeps (``wait_for_idle``), up to a
    second: 40-100 ms a key whatever the key did, and a guess on a loaded machine; this
    waits for the work itself (every queue drained, typed-ahead keys handed on, the workers
    the key started and what their results started, animations done) and no longer. A
    worker started before the key (by the test itself) is not waited for."""
    for key in keys:
        if key.startswith("wait:"):
            await asyncio.sleep(float(key.split(":")[1]) / 1000)
        else:
            before = set(app.workers)
            event = key_event(key)
            event.set_sender(app)
            app.post_message(event)  # where the driver puts a key it reads
            await _run_its_course(app, before)
        await app.animator.wait_until_complete()
        await _drawn(app)


async def _drawn(app: App) -> None:
    """Return once the screen on top has drawn what the key changed: its layout, scroll and
    repaint (Textual does them on the screen's update timer, up to a frame after the queues
    drained, later on a loaded machine). A key that reads the geometry (``w``'s jump labels
    are for the rows in view) must come after it, as it does for a typist who sees the
    screen; the messages the new layout sends (a resize) run their course too."""
    for _ in range(MAX_ROUNDS):
        if not app.is_running or not app.screen_stack or not _frame_pending(app.screen):
            return
        await asyncio.sleep(POLL / 10)
        await settled(app)


async def _laid_out(app: App) -> None:
    """Return once the screen on top has laid out what the keys before changed (a bar
    opened or closed gives rows to the article or takes them): a held key that reads the
    geometry (``escape w``: the jump labels are for the rows in view) then reads the new
    one, as it would typed after the screen showed it. Repaints alone are not waited for:
    they move nothing, and a burst of moves would wait a frame a key."""
    for _ in range(MAX_ROUNDS):
        if not app.is_running or not app.screen_stack or not _layout_pending(app.screen):
            return
        await asyncio.sleep(POLL / 10)
        await settled(app)


def _layout_pending(screen) -> bool:
    return bool(screen._layout_required or screen._scroll_required or screen._recompose_required)


def _frame_pending(screen) -> bool:
    """The screen has a layout, scroll or repaint it has not drawn yet (Textual's own
    flags, the ones ``Screen._on_idle`` checks before it resumes the update timer)."""
    return bool(screen._layout_required or screen._scroll_required or screen._repaint_required
                or screen._recompose_required or screen._dirty_widgets)


async def _run_its_course(app: App, before: set) -> None:
    """Return once the key just posted has been handled, with its messages, held keys and
    the workers it started (a save whose answer opens a prompt, a least-sure search)."""
    for _ in range(MAX_ROUNDS):
        for _ in range(MAX_ROUNDS * 16):  # the key's own work first, with no marker in its way
            if quiet_now(app) or not app.is_running:
                break
            await asyncio.sleep(0)
        if not app.is_running:  # the key quit the app
            return
        await settled(app)
        if isinstance(app, KeysInOrder):
            await app.wait_for_typed_keys()
        started = [w for w in app.workers if w not in before and not w.is_finished]
        if not started:
            return
        await app.workers.wait_for_complete(started)


def key_event(key: str) -> events.Key:
    """The key event a terminal would send for ``key`` (a name as Pilot takes it)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def quiet_now(app: App) -> bool:
    """No message waits in any queue: the key before has run its course (a handler that
    awaits is the exception, and ``settled`` covers a burst)."""
    return all(p._message_queue.empty() for p in _pumps(app))


def _pumps(app: App) -> Iterator[MessagePump]:
    """The app and the screen on top with its widgets: where a key's work runs. Not the
    screens below: a message a background screen handles makes Textual repaint the whole
    screen on top (``Screen._on_idle`` resumes its update timer, which always repaints),
    so a marker there would cost a full frame for every key held."""
    yield app
    if app.screen_stack:  # none once the app has closed
        yield from app.screen.walk_children(with_self=True)


async def settled(app: App) -> None:
    """Return once every queue of ``app`` and its screens was empty for ``QUIET_ROUNDS``
    rounds of markers (Textual's Pilot waits the same way, for one round). A pump that
    closes before its marker runs (a dialog dismissed meanwhile) is not waited for."""
    quiet = 0
    for _ in range(MAX_ROUNDS):
        pumps = [p for p in _pumps(app) if not (p._closing or p._closed)]
        empty_before = all(p._message_queue.empty() for p in pumps)
        waiting = {}
        for pump in pumps:
            marker = asyncio.Event()
            if pump.call_later(marker.set):
                waiting[pump] = asyncio.ensure_future(marker.wait())
        while waiting:
            await asyncio.wait(waiting.values(), timeout=POLL)
            for pump, task in list(waiting.items()):
                if task.done() or pump._closing or pump._closed:
                    task.cancel()
                    del waiting[pump]
        quiet = quiet + 1 if empty_before and all(p._message_queue.empty() for p in pumps) else 0
        if quiet >= QUIET_ROUNDS:
            return
