"""Who may use a ``margin serve`` server: a per-server secret, and the browser's Origin.

Threat: the server listens on a port every program on the machine can reach, and so can
every web page the annotator's browser opens (a page may open ``ws://127.0.0.1:8000`` and
load the app, read articles and write annotation files). Two checks close that:

- a secret made when the server starts (``secrets.token_urlsafe``, as Jupyter does), printed
  only in the URL the server shows, required on the page (``/?token=…``) and on the
  WebSocket (``/ws/<token>``; the page carries it over), compared in constant time;
- the ``Origin`` header of the WebSocket upgrade, which a browser always sends and a page
  cannot forge: it must be the server's own origin (that of ``--public-url``, else
  ``http://HOST:PORT``). A request without ``Origin`` cannot come from a browser's page;
  a script or tool that omits it still needs the secret, which is the real key.

Pure functions, no aiohttp: the server in ``tui/app/serve.py`` calls ``refusal`` and answers 403.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def new_token() -> str:
    """A fresh secret: 43 URL-safe characters (256 bits)."""
    return secrets.token_urlsafe(32)


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` of an http(s) URL or Origin header, in one canonical form
    (lower case, default port left out); None for anything else (``null``, ``file://``)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a port that is not a number, a bad IPv6 literal
        return None
    scheme, host = parts.scheme.lower(), parts.hostname
    if scheme not in DEFAULT_PORTS or not host:
        return None
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}" + ("" if port in (None, DEFAULT_PORTS[scheme]) else f":{port}")


def same_secret(given: str | None, token: str) -> bool:
    """``given`` is the server's secret (constant-time comparison)."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8", "backslashreplace"), token.encode())


def refusal(token: str, own_origin: str | None, given: str | None, origin: str | None,
            websocket: bool) -> str | None:
    """Why this request is refused, or None to serve it.

    ``given`` is the secret the request carries (None: none); ``origin`` its ``Origin``
    header (None: absent), checked on the WebSocket only: a page is opened by navigation,
    and without the secret it shows nothing.
    """
    if websocket and origin is not None and (own_origin is None or origin_of(origin) != own_origin):
        return f"Origin {origin!r} is not this server's ({own_origin})"
    if given is None:
        return "no token in the URL"
    if not same_secret(given, token):
        return "wrong token"
    return None
