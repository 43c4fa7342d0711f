"""The annotate controller, with no Textual: selection, prompt, counts, jump labels, the
suggestions, search, and the keys that change the annotation (over ``tui.editing``).
Each key returns one ``Changed``; the annotate screen renders it once."""

from tui.annotating.changed import Changed
from tui.annotating.controller import Annotating

__all__ = ["Annotating", "Changed"]
