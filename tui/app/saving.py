"""The one save path of both screens: debounced saves in a worker, a snapshot taken on the
main thread, the conflict dialog, and quitting that never drops edits silently.

A screen subclasses :class:`SavingScreen` and says what to save (``save_source``: the
file and a (version, annotation) snapshot), what "saved" means for it (``mark_saved``)
and how to reload from disk (``reload_from_disk``). The snapshot is taken when the save
is started, on the main thread, so spans and relations in the file are of one version
however the user goes on editing while the worker writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer

from tui.errors import ConflictError
from tui.model import Annotation
from tui.store import AnnotationFile
from tui.workspace import keep_mine
from tui.app.dialogs.confirm import Choice

AUTOSAVE_DELAY = 1.0  # seconds of quiet before an automatic save


@dataclass
class Saved(Message):
    """A save worker finished: ``version`` reached ``path``, or ``error`` says why not."""

    path: Path
    version: int
    error: str | None = None
    conflict: bool = False


def _failure(path, e: BaseException) -> str:
    if isinstance(e, OSError):
        return f"could not save {path}: {e.strerror or e}"
    return f"could not save {path}: {type(e).__name__}: {e}"


class SavingScreen(Screen):
    """Autosave, ctrl+s, conflicts and a safe quit for a screen that edits one file."""


    def __init__(self) -> None:
        super().__init__()
        self._save_timer: Timer | None = None
        self.conflict = False

    # -- what a screen provides --------------------------------------------------------
    def save_source(self) -> tuple[AnnotationFile, int, Annotation] | None:
        """(file, version, snapshot) of what to save now, or None when nothing is open."""
        raise NotImplementedError

    def is_dirty(self) -> bool:
        raise NotImplementedError

    def mark_saved(self, version: int) -> None:
        raise NotImplementedError

    def reload_from_disk(self) -> None:
        raise NotImplementedError

    def set_status(self, message: str) -> None:
        raise NotImplementedError

    def autosave_delay(self) -> float:
        """Seconds of quiet before an automatic save."""
        return AUTOSAVE_DELAY

    # -- saving ------------------------------------------------------------------------
    def schedule_autosave(self, delay: float | None = None) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        if not self.conflict:
            wait = delay if delay is not None else self.autosave_delay()
            if wait <= 0:
                self._save_timer = None
                self.call_later(self._autosave)
            else:
                self._save_timer = self.set_timer(wait, self._autosave)

    def _autosave(self) -> None:
        if self.conflict or not self.is_dirty():
            return
        source = self.save_source()  # the snapshot: here, on the main thread
        if source is not None:
            self._save_worker(*source)

    @work(thread=True, exclusive=False, group="save")
    def _save_worker(self, file: AnnotationFile, version: int, snapshot: Annotation) -> None:
        try:
            file.save(snapshot, version=version)
        except ConflictError as e:
            self.post_message(Saved(file.path, version, str(e), conflict=True))
        except Exception as e:  # a save that fails keeps the edits here and says why
            self.post_message(Saved(file.path, version, _failure(file.path, e)))
        else:
            self.post_message(Saved(file.path, version))

    def on_saved(self, message: Saved) -> None:
        source = self.save_source()
        if source is None or Path(source[0].path) != Path(message.path):
            return  # a save of a document since closed
        if message.conflict:
            self.on_conflict(message.error or "")
        elif message.error:
            self.notify(message.error + " (your edits stay here)", severity="error", timeout=10, markup=False)
        else:
            self.mark_saved(message.version)

    def save_now(self, *, force: bool = False, quitting: bool = False) -> bool:
        """Save synchronously (ctrl+s, switching documents, quitting). False: not saved
        (a conflict dialog is up, or an error was reported); the edits stay here."""
        if self._save_timer is not None:
            self._save_timer.stop()
        source = self.save_source()
        if source is None or (not self.is_dirty() and not force):
            return True
        file, version, snapshot = source
        try:
            file.save(snapshot, force=force, version=version)
        except ConflictError as e:
            self.on_conflict(str(e), quitting=quitting)
            return False
        except Exception as e:  # disk full, a folder gone, a stray file: report, keep the edits
            self.notify(_failure(file.path, e) + " (your edits stay here)", severity="error", timeout=10,
                        markup=False)
            return False
        self.mark_saved(version)
        self.conflict = False
        return True

    def save_unattended(self) -> None:
        """Save with no one to ask (the terminal is gone): edits that cannot go to the file
        because it changed on disk go to a side file next to it, as "keep mine" does. Nothing
        is shown; a failure leaves nothing more to try."""
        if self._save_timer is not None:
            self._save_timer.stop()
        source = self.save_source()
        if source is None or not self.is_dirty():
            return
        file, version, snapshot = source
        try:
            if not self.conflict:
                file.save(snapshot, version=version)
                return
        except Exception:  # changed on disk, disk full, a folder gone: the side file is the last chance
            pass
        try:
            keep_mine(file, snapshot)
        except Exception:  # nothing is left to try, and the exit must still come
            pass

    # -- conflicts ---------------------------------------------------------------------
    def on_conflict(self, error: str, *, quitting: bool = False) -> None:
        """The file changed on disk: overwrite it, reload it, or keep mine in a side file
        (and reload theirs). Cancelling keeps editing; quitting asks again, with a way out."""
        self.conflict = True
        if isinstance(self.app.screen, Choice):
            return  # one dialog at a time

        def answer(choice: str | None) -> None:
            if choice == "overwrite":
                if self.save_now(force=True) and quitting:
                    self.app.exit()
                elif not quitting:
                    self.set_status("saved over the file on disk")
            elif choice == "keep":
                source = self.save_source()
                if source is None:
                    return
                try:
                    side = keep_mine(source[0], source[2])
                except OSError as e:
                    self.notify(_failure(source[0].path, e), severity="error", timeout=10, markup=False)
                    return
                self.conflict = False
                if quitting:
                    self.app.exit()
                    return
                self.reload_from_disk()
                self.notify(f"your version is in {side}; reloaded theirs", markup=False)
            elif choice == "reload":
                self.conflict = False
                self.reload_from_disk()
                self.notify("reloaded the file from disk")
            else:
                self.notify("not saved: your edits stay here; ctrl+s asks again", severity="warning")

        choices = [
            ("o", "overwrite", "overwrite it with what you see here" + (" and quit" if quitting else "")),
            ("k", "keep", "keep mine in a side file next to it, "
                          + ("and quit" if quitting else "and reload theirs")),
        ]
        if not quitting:
            choices.append(("r", "reload", "reload it from disk (your unsaved edits here are dropped)"))
        choices.append(("escape", "cancel", "keep editing without saving"))
        self.app.push_screen(Choice("The file changed on disk", error, choices), answer)

    def action_quit_app(self) -> None:
        if self.save_now(quitting=self.conflict):
            self.app.exit()
