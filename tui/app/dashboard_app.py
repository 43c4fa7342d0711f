"""The dashboard app (``margin dashboard``): the DashboardScreen, and the review screen
pushed over it for a document (enter); quitting the review comes back to the dashboard."""

from __future__ import annotations


from tui.app.app import BaseApp
from tui.corpus import Corpus
from tui.app.screens.dashboard import DashboardScreen


class DashboardApp(BaseApp):
    TITLE = "margin dashboard"
    CSS_PATH = ["app.tcss", "review.tcss", "dashboard.tcss"]

    def __init__(self, corpus: Corpus, docs: str | None = None, *, cache: bool = True) -> None:
        super().__init__(corpus)  # the keymap (checked with the schema), the palette, the error line
        self.docs = docs
        self.cache = cache
        self.dashboard = DashboardScreen(corpus, docs, cache=cache, open_review=self.open_review)

    def on_mount(self) -> None:
        self.push_screen(self.dashboard)

    def open_review(self, doc_id: str) -> None:
        """Push margin review's screen on ``doc_id`` (its annotators, resuming its gold)."""
        from tui.app.screens.review import review_screen

        self.push_screen(review_screen(self.corpus, doc_id))

    def _reviewing(self) -> bool:
        return len(self.screen_stack) > 2 and self.screen is not self.dashboard

    def exit(self, result=None, return_code: int = 0, message=None) -> None:
        """The review screen quits the app when done (q): here that means back to the
        dashboard, whose figures are then recomputed (the gold may have changed)."""
        if return_code == 0 and self._reviewing():
            self.pop_screen()
            self.dashboard.action_reload()
            return
        super().exit(result, return_code, message)

    async def action_quit(self) -> None:
        """ctrl+q quits everything, saving an open review first."""
        for screen in self.screen_stack:
            save = getattr(screen, "save_now", None)
            if save is not None and not save():
                return
        super().exit()

    def fail(self, message: str) -> None:
        """A review that cannot open says why and leaves the dashboard up."""
        if self._reviewing():
            self.pop_screen()
            self.notify(message, severity="error", timeout=10, markup=False)
            return
        self.error = message
        super().exit(return_code=1)


def run_dashboard(corpus: Corpus, docs: str | None = None, *, cache: bool = True) -> int:
    return DashboardApp(corpus, docs, cache=cache).run_and_report()
