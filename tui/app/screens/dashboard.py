"""The team dashboard: progress, pace, agreement by label and pair, its trend, label counts,
and the documents with most disagreement (enter reviews one).

Every figure comes from :func:`tui.team.progress.team` (pure, cached per document), computed in a
worker thread; the screen only lays it out. Charts are Rich ``Text`` bars
and columns (tui/app/widgets/charts.py) on absolute 0-1 scales.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from tui.corpus import Corpus
from tui.display import one_line
from tui.errors import MarginError, ValidationError
from tui.team.progress import Team, team
from tui.team.sync_state import SyncState, news_line
from tui.app.widgets.key_bar import KeyBar, TitleBar
from tui.app.widgets.charts import columns, name_cell, number, score_row, stacked

NAME = 10  # cells for an annotator or label name
DONE, STARTED = "green", "yellow"

BINDINGS = [
    Binding("enter", "review", "Review document", id="dash-review", show=True),
    Binding("r", "reload", "Reload", id="dash-reload"),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "quit_app", "Quit", id="quit"),
]


FIGURES = [
    ("done/N", "files marked done, of the annotator's assigned documents (of all without assignments)"),
    ("N/h", "spans per hour: the gaps between saves less than 30 minutes apart"),
    ("α", "Krippendorff's alpha per label, on tokens, over all annotators (as margin agree)"),
    ("F1 κ", "per pair: exact span F1 and token Cohen's kappa, summed over labels"),
    ("trend", "exact span F1 of the documents finished in each day (hour), on a 0-1 scale"),
    ("list", "documents by the disagreements a reviewer must settle; enter opens margin review"),
    ("✓ ↓", "✓ settled: the gold is done; ↓ new: arrived with the last margin sync"),
]


class Chart(Widget):
    """A panel whose text is drawn for its current size by ``draw(width, height) -> Text``."""

    DEFAULT_CSS = "Chart { height: auto; }"

    def __init__(self, title: str, *, id: str) -> None:
        super().__init__(id=id)
        self.border_title = title
        self.draw: Callable[[int, int], Text] = lambda width, height: Text("…", style="dim")

    def show(self, draw: Callable[[int, int], Text]) -> None:
        self.draw = draw
        self.refresh(layout=True)

    def render(self) -> Text:
        return self.draw(max(self.size.width, 10), self.size.height)


def progress_text(t: Team, width: int) -> Text:
    out = Text()
    if not t.progress:
        return Text("nobody has annotated yet (margin assign shares the documents out)", style="dim")
    nw = min(NAME, max(len(p.annotator) for p in t.progress))
    tail = 16
    bw = max(4, width - nw - 1 - tail)
    for p in t.progress:
        total = p.assigned if p.assigned is not None else t.documents
        out.append_text(name_cell(p.annotator, nw))
        out.append(" ")
        out.append_text(stacked([(p.done, DONE), (p.in_progress, STARTED)], total, bw))
        rate = "" if p.spans_per_hour is None else f"{p.spans_per_hour:.0f}/h"
        out.append(f" {p.done:>3}/{total:<4}{rate:>7}\n")
    out.append("█ done", style=DONE)
    out.append(" ")
    out.append("█ started", style=STARTED)
    out.append(" ░ to do", style="dim")
    scope = "of assigned" if any(p.assigned is not None for p in t.progress) else "of all docs"
    out.append(f"\n{scope} · {t.gold_done} gold done", style="dim")
    return out


def labels_text(t: Team, width: int) -> Text:
    out = Text()
    totals = {lab: sum(c.values()) for lab, c in t.label_counts.items()}
    top = max(totals.values(), default=0)
    nw = min(NAME, max((len(lab) for lab in totals), default=4))
    bw = max(4, width - nw - 8)
    for i, (lab, n) in enumerate(totals.items()):
        if i:
            out.append("\n")
        out.append_text(name_cell(lab, nw))
        out.append(" ")
        out.append_text(stacked([(n, "cyan")], top, bw, rest=" "))
        out.append(f" {n:>6}")
    by = ", ".join(f"{one_line(a, NAME)} {sum(t.label_counts[lab].get(a, 0) for lab in t.label_counts)}"
                   for a in sorted({a for c in t.label_counts.values() for a in c}))
    if by:
        out.append("\n" + one_line(by, width), style="dim")
    return out


def alpha_text(t: Team, width: int) -> Text:
    if t.agreement is None:
        return Text("needs documents with 2+ annotators (margin assign --overlap)", style="dim")
    nw = min(NAME, max(len(lab) for lab in t.labels))
    out = Text()
    for i, (lab, a) in enumerate(t.agreement.alpha.items()):
        if i:
            out.append("\n")
        out.append_text(score_row(lab, a.value, max(4, width - nw - 7), nw))
    out.append("\nKrippendorff's α on tokens", style="dim")
    return out


def pairs_text(t: Team, width: int) -> Text:
    if t.agreement is None:
        return Text("no two annotators share a document yet", style="dim")
    out = Text()
    nw = min(2 * NAME + 1, max(len(p.a) + len(p.b) + 1 for p in t.agreement.pairs))
    for i, pair in enumerate(t.agreement.pairs):
        if i:
            out.append("\n")
        exact, _, tokens = pair.micro()
        out.append_text(score_row(f"{pair.a}–{pair.b}", exact.f1, max(4, width - nw - 14), nw,
                                  f" κ {number(tokens.kappa)}"))
    out.append("\nspan F1 (exact), token κ", style="dim")
    return out


def trend_text(t: Team, width: int, height: int) -> Text:
    """Exact span F1 of the documents finished in each period, as columns on a 0-1 scale,
    with the first and last period named and their values."""
    if not t.trend:
        return Text("no documents with 2+ annotators yet", style="dim")
    out = columns([p.exact_f1 for p in t.trend], width, max(2, min(height - 2, 12)))
    first, last = t.trend[0], t.trend[-1]
    out.append("\n")
    out.append(_period(first.period), style="dim")
    if len(t.trend) > 1:
        gap = max(1, width - len(_period(first.period)) - len(_period(last.period)))
        out.append(" " * gap + _period(last.period), style="dim")
    out.append("\nspan F1 ", style="dim")
    out.append(number(first.exact_f1))
    if len(t.trend) > 1:
        delta = (last.exact_f1 or 0) - (first.exact_f1 or 0)
        out.append(" → ", style="dim")
        out.append(number(last.exact_f1), style="bold green" if delta >= 0 else "bold red")
    out.append(f" · {sum(p.documents for p in t.trend)} docs", style="dim")
    return out


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _period(p: str) -> str:
    """``2026-11-02`` -> ``2 Nov``; ``2026-11-02T09`` -> ``2 Nov 09:00`` (UTC, as saved)."""
    try:
        day = f"{int(p[8:10])} {MONTHS[int(p[5:7]) - 1]}"
    except (ValueError, IndexError):
        return one_line(p, 16)
    return f"{day} {p[11:13]}:00" if "T" in p else day


def plural(n: int, noun: str) -> str:
    """``1 document``, ``2 documents``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class DashboardScreen(Screen):
    """The team's figures; enter on a document opens margin review on it."""

    AUTO_FOCUS = "#worst"
    BINDINGS = [*BINDINGS]  # Screen.BINDINGS type; action_help reads the module list (all Bindings)

    def __init__(self, corpus: Corpus, docs: str | None = None, *, cache: bool = True,
                 open_review: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.docs = docs
        self.cache = cache
        self.open_review = open_review
        self.team: Team | None = None
        self.synced: SyncState | None = None  # what the last margin sync brought

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(Text("loading…", style="dim"), id="dash-status")
        with Grid(id="dash"):
            yield Chart("Progress", id="dash-progress")
            yield Chart("Spans by label", id="dash-labels")
            yield Chart("Agreement by label", id="dash-alpha")
            yield Chart("Agreement by pair", id="dash-pairs")
            yield Chart("Agreement trend", id="dash-trend")
            with Vertical(id="dash-worst-box") as box:
                box.border_title = "Most disagreement (enter reviews)"
                yield OptionList(id="worst")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "margin dashboard"
        self.sub_title = self.corpus.root.resolve().name
        self.load()

    @work(thread=True, exclusive=True, group="dashboard")
    def load(self) -> Team:
        def progress(i: int, n: int) -> None:
            if i == n or i % 25 == 0:
                self.app.call_from_thread(self._status, f"reading {i}/{n} changed documents…")

        from tui.team.sync_state import load_state

        self.synced = load_state(self.corpus.root)  # read here, off the UI thread; shown by show()
        return team(self.corpus, self.docs, cache=self.cache, progress=progress)

    def _status(self, message: str) -> None:
        self.query_one("#dash-status", Static).update(Text(message, style="dim"))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "dashboard":
            return
        if event.state == WorkerState.SUCCESS:
            result = event.worker.result
            assert isinstance(result, Team)  # what load returns
            self.show(result)
        elif event.state == WorkerState.ERROR:
            err = event.worker.error
            msg = "\n".join(err.problems) if isinstance(err, ValidationError) else str(err)
            if not isinstance(err, MarginError):
                msg = f"could not compute the dashboard: {err!r}"
            self._status(one_line(msg, 400))

    def show(self, t: Team) -> None:
        self.team = t
        n_agree = len(t.agreement.documents) if t.agreement else 0
        status = Text(f"{plural(t.documents, 'document')} · {plural(len(t.progress), 'annotator')} · "
                      f"{n_agree} with 2+ annotators", no_wrap=True, overflow="ellipsis")
        if t.problems:
            status.append(f" · {plural(len(t.problems), 'problem')}: margin validate lists them", style="bold red")
        arrived = self.sync_news(status)
        self.query_one("#dash-status", Static).update(status)
        self.query_one("#dash-progress", Chart).show(lambda w, h: progress_text(t, w))
        self.query_one("#dash-labels", Chart).show(lambda w, h: labels_text(t, w))
        self.query_one("#dash-alpha", Chart).show(lambda w, h: alpha_text(t, w))
        self.query_one("#dash-pairs", Chart).show(lambda w, h: pairs_text(t, w))
        self.query_one("#dash-trend", Chart).show(lambda w, h: trend_text(t, w, h))
        worst = self.query_one("#worst", OptionList)
        worst.clear_options()
        rows = t.worst(50)
        for d in rows:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{d.count:>4} ", style="bold")
            line.append(one_line(d.document, 60))
            if d.document in t.settled:
                line.append(" ✓ settled", style="green")
            if d.document in arrived:
                line.append(" ↓ new", style="cyan")
            line.append("  " + one_line(", ".join(d.annotators), 60), style="dim")
            worst.add_option(Option(line, id=d.document))
        if not rows:
            worst.add_option(Option(Text("no disagreements", style="dim"), disabled=True))
        else:
            worst.highlighted = 0

    def sync_news(self, status: Text) -> set[str]:
        """What the last ``margin sync`` brought, added to ``status`` (when this corpus was
        ever synced); the documents it brought."""
        state = self.synced
        if state is None:
            return set()
        status.append(" · " + news_line(state), style="cyan")
        return set(state.by_doc())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.review(event.option.id)

    def action_review(self) -> None:
        worst = self.query_one("#worst", OptionList)
        if worst.highlighted is not None:
            self.review(worst.get_option_at_index(worst.highlighted).id)

    def review(self, doc_id: str | None) -> None:
        if doc_id and self.open_review is not None:
            self.open_review(doc_id)

    def action_reload(self) -> None:
        self._status("reloading…")
        self.load()

    def action_help(self) -> None:
        from tui.app.dialogs.help import HelpScreen

        rows = [(self.app.get_key_display(b), b.description) for b in BINDINGS]
        rows.append(("↑ ↓", "Move in the document list"))
        self.app.push_screen(HelpScreen([("Dashboard", rows), ("The figures (docs/team.md)", FIGURES)]))

    def action_quit_app(self) -> None:
        self.app.exit()
