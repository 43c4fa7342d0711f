"""The command palette (ctrl+p): every action of the current screen, by its description."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class MarginCommands(Provider):
    def _commands(self):
        screen = self.screen
        seen = set()
        for binding in getattr(screen, "BINDINGS", []):
            if getattr(binding, "description", "") and binding.action not in seen:
                seen.add(binding.action)
                key = self.app.get_key_display(binding)
                yield f"{binding.description} ({key})", binding.action

    async def discover(self) -> Hits:
        for title, action in self._commands():
            yield DiscoveryHit(title, partial(self.screen.run_action, action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.screen.run_action, action))
