"""The annotate screen's background work: suggestions for the open document, retraining
the corpus's model after saves, and the sentence the model is least sure of. Each runs in
a thread worker and answers with a message; the screen hands the result to its
controller."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.screen import Screen

from tui.corpus import Corpus
from tui.display import safe_line
from tui.errors import DataError, MarginError
from tui.model import Document

RETRAIN_AFTER = 30.0  # seconds of quiet after a save before the model learns from it


@dataclass
class Suggested(Message):
    """Suggestions for ``doc_id`` are ready (computed in a worker)."""

    doc_id: str
    suggestions: Any
    habits: Any  # tui.annotating.habits.Habits: what the team writes, for the prompt


@dataclass
class LeastSure(Message):
    """The sentence the model doubts most, (start, end), or None: use the next untagged one."""

    sentence: tuple[int, int] | None


class SuggestWork:
    """The corpus's suggester (conventions and model, made in the first worker) and the
    workers that use it, for one screen."""

    def __init__(self, screen: Screen, corpus: Corpus) -> None:
        self.screen, self.corpus = screen, corpus
        self.suggester: Any = None  # tui.suggest.learn.Suggester
        self.habits: Any = None  # learned from the corpus's files, once
        self.retrain_after = RETRAIN_AFTER
        self._retrain_timer: Any = None

    def _warn(self, message: str) -> None:
        app = self.screen.app
        app.call_from_thread(app.notify, safe_line(message), severity="warning", markup=False)

    def suggest(self, doc: Document) -> None:
        self.screen.run_worker(lambda: self._suggest(doc), thread=True, exclusive=True, group="suggest")

    def _suggest(self, doc: Document) -> None:
        """Rules in the corpus's conventions and the corpus's model (``margin learn``), off
        the UI thread; a stale or corrupt model is named in one line and left out."""
        from tui.annotating.habits import corpus_habits
        from tui.suggest import Suggestions
        from tui.suggest.learn import Suggester

        if self.habits is None:
            self.habits = corpus_habits(self.corpus)
        try:
            if self.suggester is None:
                self.suggester = Suggester.for_corpus(self.corpus)
                for warning in self.suggester.warnings:
                    self._warn(warning)
                if self.suggester.refused:  # a clone's model: never read; train one here
                    self.screen.app.call_from_thread(self._start_retrain)
            found = self.suggester.suggest(doc.text)
        except MarginError as e:
            self._warn(f"no suggestions: {e}")
            found = Suggestions()
        self.screen.post_message(Suggested(doc.id, found, self.habits))

    def has_model(self) -> bool:
        return self.suggester is not None and self.suggester.model is not None

    def least_sure(self, text: str, after: int, annotated: list) -> None:
        def run() -> None:
            target = None
            try:
                target = self.suggester.least_sure_sentence(text, after_offset=after, annotated=annotated)
            except MarginError:
                target = None
            self.screen.post_message(LeastSure(target))

        self.screen.run_worker(run, thread=True, exclusive=True, group="doubt")

    def schedule_retrain(self) -> None:
        """After saves, retrain the corpus's model (only when it has one: ``margin learn``
        starts it), debounced, in a worker; the new model serves the next suggestions."""
        if not self.has_model():
            return
        if self._retrain_timer is not None:
            self._retrain_timer.stop()
        self._retrain_timer = self.screen.set_timer(self.retrain_after, self._start_retrain)

    def _start_retrain(self) -> None:
        self.screen.run_worker(self._retrain, thread=True, exclusive=True, group="retrain")

    def _retrain(self) -> None:
        """``margin learn`` in a child process (crfsuite holds the GIL while training; a
        child with its own stdio is also independent of the terminal the app draws on)."""
        from tui.suggest.learn import Suggester

        try:
            done = subprocess.run([sys.executable, "-m", "tui", "learn", "--corpus", str(self.corpus.root)],
                                  stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
            if done.returncode:
                lines = (done.stderr or "margin learn failed").strip().splitlines()
                raise MarginError(lines[-1] if lines else "margin learn failed")
            self.suggester = Suggester.for_corpus(self.corpus)
        except (MarginError, OSError, subprocess.SubprocessError) as e:
            self._warn(f"the model was not retrained: {e}")


def space_goes_to_doubt(corpus: Corpus) -> bool:
    """``suggest: {space: least-sure}`` in margin.yaml: space goes to the sentence the
    corpus's model is least sure of (else, and without a model, the next untagged one)."""
    from tui.corpus import load_settings

    section = load_settings(corpus.root).get("suggest")
    value = section.get("space", "next-untagged") if isinstance(section, dict) else "next-untagged"
    if value not in ("next-untagged", "least-sure"):
        raise DataError(f"{corpus.root / 'margin.yaml'}: suggest.space must be next-untagged or least-sure, got {value!r}")
    return value == "least-sure"
