"""The web server of ``margin serve``: textual-serve's, refusing whoever lacks the secret
token or comes from a foreign Origin (``tui.serve_access``), and ending its sessions at
once when stopped. Without the latter, aiohttp waits up to 60 s for open browser sessions
when only the server is signalled (``kill``, ``docker stop``).

Imported only by ``tui.app.serve.make_server``: session processes, which import
``tui.app.serve``, do not load the web server.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import aiohttp_jinja2
from aiohttp import web
from rich.text import Text
from textual_serve.server import Server

from tui.app.serve import SHUTDOWN_WAIT, LogScrubber, children_reaped
from tui.display import one_line
from tui.serve_access import origin_of, refusal


class MarginServer(Server):
    """textual-serve's Server behind the token and Origin checks, ending its sessions on stop."""

    def __init__(self, command: str, corpus_root: Path, host: str, port: int, public_url: str, token: str) -> None:
        super().__init__(command, host=host, port=port, title="margin", public_url=public_url)
        self.corpus_root = corpus_root
        self.sessions: set[asyncio.Task] = set()
        self.token = token
        self.origin = origin_of(public_url)
        self.url = f"{public_url}/?token={token}"  # the only place the secret is shown

    def initialize_logging(self) -> None:
        # aiohttp's access log quotes the request line and User-Agent: data, made inert
        super().initialize_logging()
        for handler in logging.getLogger().handlers:
            handler.addFilter(LogScrubber(self.token))

    async def _make_app(self) -> web.Application:
        # textual-serve's routes, plus the WebSocket route that carries the secret: its
        # page script appends "?width=…&height=…" to the URL, so a query can't carry it
        app = await super()._make_app()
        app.router.add_get("/ws/{token}", self.handle_websocket)
        return app

    def refused(self, request: web.Request, websocket: bool) -> web.Response | None:
        given = request.match_info.get("token") if websocket else request.query.get("token")
        reason = refusal(self.token, self.origin, given, request.headers.get("Origin"), websocket)
        if reason is None:
            return None
        what = "connection" if websocket else "page request"
        self.console.print(Text(one_line(f"margin serve: refused a {what} from {request.remote}: {reason}")),
                           highlight=False, soft_wrap=True)
        return web.Response(status=403, text=f"403 Forbidden: {reason}. Open the address margin serve printed "
                                             "(it ends with ?token=...).\n")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if (response := self.refused(request, websocket=False)) is not None:
            return response
        # the template's data: aiohttp_jinja2.template wraps the handler (functools.wraps),
        # which the stub's Callable type cannot say
        context = await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]
        context["app_websocket_url"] += f"/{self.token}"
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Referrer-Policy"] = "no-referrer"  # the URL holds the secret
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request):
        if (response := self.refused(request, websocket=True)) is not None:
            return response
        task = asyncio.current_task()
        self.sessions.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions.discard(task)

    async def on_startup(self, app) -> None:
        # soft_wrap: the URL stays on one line, whatever the terminal's width
        self.console.print(Text(one_line(f"margin: serving {self.corpus_root} on {self.url}")), soft_wrap=True)
        self.console.print("Press Ctrl+C to stop.", highlight=False)

    async def on_shutdown(self, app) -> None:
        for task in self.sessions:
            task.cancel()  # textual-serve then sends the app "quit" and waits for it to exit
        if self.sessions:
            await asyncio.wait(self.sessions, timeout=SHUTDOWN_WAIT)
        await children_reaped(SHUTDOWN_WAIT)

