"""brink's web UI and JSON API (docs/web.md): `create_app(db)` for ASGI servers, `serve(db)` to run one."""

from __future__ import annotations

from pathlib import Path

from brink.web.app import create_app

__all__ = ["create_app", "serve"]


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, on_ready=None) -> None:
    """Serve the app with uvicorn until interrupted; `on_ready(url)` is called before serving."""
    import uvicorn

    app = create_app(db)
    if on_ready:
        on_ready(f"http://{host}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="warning")
