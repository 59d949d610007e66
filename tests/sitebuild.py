"""Build the site in-process with ProperDocs (as `make site` does), every network connection refused."""

from __future__ import annotations

import logging
import socket
from contextlib import contextmanager
from pathlib import Path

# From here on every `mkdocs.*` import (Material's plugins, macros, our hooks) gets ProperDocs' module
# of the same name, as under the `properdocs` command; imported before anything loads `mkdocs` itself.
import properdocs.replacement  # noqa: F401  isort: skip
from properdocs.commands.build import build
from properdocs.config import load_config


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


def count_legacy_log_as_properdocs() -> None:
    """Plugins and hooks log under `mkdocs.*`; ProperDocs counts warnings for --strict on its own
    `properdocs` logger. Its command hangs `mkdocs` under `properdocs`; an in-process build must
    do the same, or a hook's warning would not fail a strict build."""
    legacy = logging.getLogger("mkdocs")
    legacy.parent = logging.getLogger("properdocs")
    legacy.propagate = True


def build_site(project: Path, site_dir: Path, config_file: str = "mkdocs.yml") -> Path:
    count_legacy_log_as_properdocs()
    config = load_config(str(project / config_file), site_dir=str(site_dir), strict=True)
    with no_network():
        build(config)
    return site_dir


def build_both_editions(project: Path, site_dir: Path) -> Path:
    """As `make site`: Indonesian into site_dir, English into site_dir/en."""
    build_site(project, site_dir)
    build_site(project, site_dir / "en", "mkdocs.en.yml")
    return site_dir
