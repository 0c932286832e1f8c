"""``khabar serve`` on the command line: defaults, and errors a user can act on."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from khabar.cli import build_parser, main


def test_serve_defaults_to_loopback() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.archive, args.host, args.port) == ("khabar.db", "127.0.0.1", 8000)


def test_serve_without_an_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.db"
    assert main(["serve", "--archive", str(missing)]) == 3  # a path that is not there, as every command
    err = capsys.readouterr().err
    assert "no archive there" in err and "--archive" in err
    assert not missing.exists()  # serving never creates an empty archive


def test_serve_on_a_taken_port(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("fastapi")
    from khabar.archive import Archive

    db = tmp_path / "k.db"
    Archive(db).close()
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["serve", "--archive", str(db), "--port", str(port)]) == 4
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err
