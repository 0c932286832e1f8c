"""``khabar serve``: the archive in the browser (for ``khabar.cli`` to wire in)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from khabar.archive.cli import DEFAULT_ARCHIVE
from khabar.errors import KhabarError

__all__ = ["ServeError", "add_serve_parser", "cmd_serve"]


class ServeError(KhabarError):
    """``khabar serve`` cannot start: the web extra is not installed, or the address is taken."""

    code = "K501"
    reason = "serve"
    exit_code = 4


def add_serve_parser(sub: Any) -> argparse.ArgumentParser:
    """Add ``khabar serve`` to a subparsers object; the parser (its func is :func:`cmd_serve`)."""
    ps: argparse.ArgumentParser = sub.add_parser(
        "serve",
        help="browse and search an archive in the browser (needs the web extra)",
        description="Serve the archive built by `khabar process --archive` as web pages (search with "
        "facets, documents with highlighted facts, people, places on a map, events, stats) and a JSON "
        "API under /api/. Bound to 127.0.0.1 unless --host says otherwise; works offline.",
    )
    ps.add_argument("--archive", default=DEFAULT_ARCHIVE, metavar="PATH", help=f"default {DEFAULT_ARCHIVE}")
    ps.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    ps.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    ps.set_defaults(func=cmd_serve)
    return ps


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from khabar.web.app import create_app
    except ImportError as exc:
        raise ServeError(
            f"khabar serve needs the web extra ({exc.name} is missing); install it with "
            "`pip install 'khabar[web]'`",
            value=exc.name,
        ) from exc
    app = create_app(args.archive)  # raises ArchiveError (with the command to build one) when missing
    # uvicorn logs a failed bind and exits; check first so the user gets a sentence to act on
    import socket  # (here: every khabar command builds this parser, few serve)

    try:
        with socket.create_server((args.host, args.port)):
            pass
    except OSError as exc:
        raise ServeError(
            f"cannot listen on {args.host}:{args.port} ({exc.strerror or exc}); "
            "choose another address with --host/--port",
            value=f"{args.host}:{args.port}",
        ) from exc
    print(
        f"khabar: serving {args.archive} at http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
