"""brink's web UI and JSON API (docs/web.md): `create_app(db)` for ASGI servers, `serve(db)` to run one."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

from brink.errors import UserError
from brink.web.app import create_app

__all__ = ["create_app", "serve"]


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, on_ready=None) -> None:
    """Serve the app with uvicorn until interrupted; `on_ready(url)` is called before serving.
    Raises UserError when the address cannot be bound (a port in use), before anything is said."""
    import uvicorn

    app = create_app(db)
    listening = _bind(host, port)
    if on_ready:
        on_ready(f"http://{host}:{port}/")
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[listening])


def _bind(host: str, port: int) -> socket.socket:
    # Bound here, and handed to uvicorn, so "in use" is known before "serving" is printed.
    try:
        return socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UserError(f"port {port} on {host} is in use (another brink serve?); "
                            f"stop it or pick another with --port") from None
        raise UserError(f"cannot listen on {host}:{port} ({error.strerror or error})") from None
