"""A read-only calendar feed on the loopback interface, for classic Outlook ("Internet
calendar subscription") and other desktop calendar programs on the same computer.

``FeedServer(source)`` serves ``GET /feed/<token>.ics`` – the calendar of the user that token
belongs to (see :func:`casedesk.core.services.icalexport.user_calendar`), regenerated from the
case file on every request (with the persisted serialized-item cache, so a refresh where little
changed is cheap).  Unknown tokens and any other path get 404; only GET and HEAD are answered.

It binds to ``127.0.0.1`` or ``::1`` only (anything else is refused: the calendar must not be
reachable from the network) and runs stdlib ``http.server`` in a daemon thread.  ``source`` is
an open :class:`~casedesk.core.casefile.CaseFile` or a callable returning one; a callable is
called for each request and the case file it returns is closed afterwards.

New Outlook and Outlook on the web run in the cloud and cannot reach a loopback feed: see
``docs/outlook.md``.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from casedesk.core.casefile import CaseFile
from casedesk.core.errors import CasedeskError, ValidationError
from casedesk.core.services import icalexport

LOOPBACK = frozenset({"127.0.0.1", "::1"})
_PATH = re.compile(r"^/feed/([A-Za-z0-9_-]{16,64})\.ics$")
log = logging.getLogger(__name__)

Source = CaseFile | Callable[[], CaseFile]


class _Server(HTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], family: int, feed: FeedServer) -> None:
        self.address_family = family
        self.feed = feed
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "casedesk-feed"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, *, body: bool) -> None:
        match = _PATH.match(self.path.split("?", 1)[0])
        data = self.server.feed.calendar_for(match.group(1)) if match else None
        if data is None:
            self._send(404, b"Not found\n", "text/plain; charset=utf-8", body)
            return
        self._send(200, data, "text/calendar; charset=utf-8", body)

    def _send(self, status: int, data: bytes, ctype: str, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        # never log the path: it holds the secret token
        log.debug("feed request answered")


class FeedServer:
    """Serves users' calendars at ``http://127.0.0.1:<port>/feed/<token>.ics``."""

    def __init__(self, source: Source, host: str = "127.0.0.1", port: int = 0) -> None:
        if host not in LOOPBACK:
            raise ValidationError(
                f"The calendar feed only listens on this computer (127.0.0.1 or ::1), not on "
                f"{host!r}.", field="host")
        self.source = source
        self.host = host
        self._requested_port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    # -- life cycle -------------------------------------------------------------------------------
    def start(self) -> FeedServer:
        if self._server is not None:
            return self
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        try:
            self._server = _Server((self.host, self._requested_port), family, self)
        except OSError as exc:
            raise CasedeskError(
                f"The calendar feed could not listen on port {self._requested_port} "
                f"({exc.strerror or exc}).") from None
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name="casedesk-feed", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the feed server is not running")
        return int(self._server.server_address[1])

    def url_for(self, token: str) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/feed/{token}.ics"

    # -- answering --------------------------------------------------------------------------------
    def calendar_for(self, token: str) -> bytes | None:
        """The calendar for a token, or None when the token is unknown."""
        with self._lock, self._case_file() as cf:
            try:
                username = icalexport.user_for_token(cf, token)
                if username is None:
                    return None
                return icalexport.user_calendar(cf, username)
            except CasedeskError as exc:
                log.warning("calendar feed: %s", exc)
                return None

    @contextlib.contextmanager
    def _case_file(self) -> Any:
        if isinstance(self.source, CaseFile):
            yield self.source
            return
        cf = self.source()
        try:
            yield cf
        finally:
            cf.close()
