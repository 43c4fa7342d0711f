"""The command palette (ctrl+p): the current screen's actions by their description, with
the keys they are on now (remapped ones included); actions that cannot apply now
(``check_action``) are left out."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


class MarginCommands(Provider):
    def _commands(self) -> Iterator[tuple[str, str]]:
        """(title, action) of every enabled, described binding of the screen itself."""
        screen = self.screen
        keys: dict[str, list[str]] = {}
        found: dict[str, Binding] = {}
        for key, active in screen.active_bindings.items():
            b = active.binding
            if not active.enabled or not b.description or active.node is not screen:
                continue
            keys.setdefault(b.action, []).append(self.app.get_key_display(b))
            found.setdefault(b.action, b)
        for action, b in found.items():
            if b.group is not None:
                continue  # digit groups (counts, accept N) are keys, not commands
            yield f"{b.description} ({', '.join(keys[action])})", action

    async def discover(self) -> Hits:
        for title, action in self._commands():
            yield DiscoveryHit(title, partial(self.screen.run_action, action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.screen.run_action, action))
