"""What both screens share: the article view, the narrow layout, the save path."""

from __future__ import annotations

from ..saving import SavingScreen
from ..widgets.article_view import ArticleView

NARROW = 100  # below this width the panel moves under the article


class ArticleScreen(SavingScreen):
    AUTO_FOCUS = "ArticleView"

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < NARROW, "narrow")
