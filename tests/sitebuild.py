"""Build the site in-process with every network connection refused, as CI and `make site` do."""

from __future__ import annotations

import socket
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


class NetworkUsed(AssertionError):
    pass


@contextmanager
def no_network():
    def refuse(*args, **kwargs):
        raise NetworkUsed(f"the build tried to reach the network: {args!r}")

    saved = socket.socket.connect, socket.getaddrinfo, socket.create_connection
    socket.socket.connect, socket.getaddrinfo, socket.create_connection = refuse, refuse, refuse
    try:
        yield
    finally:
        socket.socket.connect, socket.getaddrinfo, socket.create_connection = saved


def build_site(project: Path, site_dir: Path, config_file: str = "mkdocs.yml") -> Path:
    config = load_config(str(project / config_file), site_dir=str(site_dir), strict=True)
    with no_network():
        build(config)
    return site_dir


def build_both_editions(project: Path, site_dir: Path) -> Path:
    """As `make site`: Indonesian into site_dir, English into site_dir/en."""
    build_site(project, site_dir)
    build_site(project, site_dir / "en", "mkdocs.en.yml")
    return site_dir
