"""The site engine: ProperDocs builds the portal, byte for byte what MkDocs 1.6 built apart from
the generator tag; `iku/` stays free of any engine so that a later move touches only the adapters."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from projectkit import ROOT, copy_project
from sitebuild import build_site

BIN = Path(sys.executable).parent
ENGINE_MODULES = ("mkdocs", "properdocs", "material", "mkdocs_macros")
GENERATOR = re.compile(rb'\s*<meta name="generator" content="[^"]*">')


def build_with(engine: str, project: Path, site_dir: Path) -> Path:
    """`<engine> build --strict` as a command, the way `make site` runs it."""
    env = {**os.environ, "PYTHONPATH": str(project), "SOURCE_DATE_EPOCH": "1700000000",
           "NO_MKDOCS_2_WARNING": "1"}  # only MkDocs prints Material's banner; keep its log readable
    result = subprocess.run([str(BIN / engine), "build", "--strict", "--quiet", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site_dir)], capture_output=True, text=True, env=env, cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]
    return site_dir


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_properdocs_builds_what_mkdocs_built_apart_from_the_generator_tag(tmp_path):
    project = copy_project(tmp_path / "project")
    mkdocs = files(build_with("mkdocs", project, tmp_path / "mkdocs"))
    properdocs = files(build_with("properdocs", project, tmp_path / "properdocs"))

    assert mkdocs.keys() == properdocs.keys()
    html = [name for name in mkdocs if name.endswith(".html")]
    # Each engine names itself: proof that both really ran, and the only difference allowed.
    assert all(b'content="mkdocs-1.6.1, mkdocs-material-' in mkdocs[name] for name in html)
    assert all(b'content="mkdocs-ProperDocs 1.6.7, mkdocs-material-' in properdocs[name] for name in html)
    differing = [name for name in mkdocs if GENERATOR.sub(b"", mkdocs[name]) != GENERATOR.sub(b"", properdocs[name])]
    assert differing == []
    # upload-pages-artifact (v4 and later) leaves hidden files out of what Pages publishes.
    assert [name for name in properdocs if any(part.startswith(".") for part in name.split("/"))] == []


def engine_modules_loaded(package_dir: Path) -> list[str]:
    """Import every module of a package in a fresh interpreter; the site-engine modules it pulled in."""
    script = textwrap.dedent(f"""
        import importlib, pkgutil, sys
        sys.path.insert(0, {str(package_dir.parent)!r})
        package = importlib.import_module({package_dir.name!r})
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not module.name.endswith(".__main__"):  # runs the command line when imported
                importlib.import_module(module.name)
        print(" ".join(sorted({{name.split(".")[0] for name in sys.modules}} & set({ENGINE_MODULES!r}))))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=package_dir.parent)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_iku_imports_no_site_engine():
    assert engine_modules_loaded(ROOT / "iku") == []


def test_engine_import_check_can_fail(tmp_path):
    package = tmp_path / "paket"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "halaman.py").write_text("from mkdocs.structure.files import File\n")
    assert engine_modules_loaded(package) == ["mkdocs"]


def project_with_a_warning_hook(tmp_path: Path) -> Path:
    """A one-page site whose hook logs a warning under `mkdocs.*`, as our hooks do."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Uji\n")
    (project / "hook.py").write_text(textwrap.dedent("""
        import logging
        def on_post_build(config):
            logging.getLogger("mkdocs.hooks.uji").warning("peringatan dari hook")
    """))
    (project / "mkdocs.yml").write_text("site_name: Uji\ntheme:\n  name: material\n  font: false\nhooks:\n  - hook.py\n")
    return project


def test_a_hook_warning_fails_the_strict_in_process_build(tmp_path):
    """Hooks log under `mkdocs.*`; ProperDocs counts --strict warnings under `properdocs`.
    Without the wiring in sitebuild this build would succeed and hide the warning."""
    project = project_with_a_warning_hook(tmp_path)
    from properdocs.exceptions import Abort

    with pytest.raises(Abort, match="1 warnings in strict mode"):
        build_site(project, tmp_path / "site")


def test_every_make_target_that_builds_runs_properdocs():
    env = {k: v for k, v in os.environ.items() if k != "MAKEFLAGS"}
    for target in ("serve", "site", "kabupaten", "kabupaten-gabung", "laporan", "audit"):
        dry = subprocess.run(["make", "-n", target], capture_output=True, text=True, cwd=ROOT, env=env)
        assert dry.returncode == 0, dry.stderr
        # `make kabupaten` builds in-process through hooks/build_offices.py (checked below).
        engines = re.findall(r"\.venv/bin/(mkdocs|properdocs)\b|hooks/(build_offices)\.py", dry.stdout)
        engines = {command or "properdocs" for command, driver in engines}
        assert engines == {"properdocs"}, (target, dry.stdout)
    assert "NO_MKDOCS_2_WARNING" not in (ROOT / "Makefile").read_text()


def test_a_hook_warning_fails_the_strict_build_of_make_kabupaten(tmp_path):
    """hooks/build_offices.py builds on ProperDocs in its worker processes, with the logger wired
    as sitebuild does: a hook's warning aborts the strict build. A fresh process, because the
    logger wiring is process-wide (this test process already has it from sitebuild)."""
    project = project_with_a_warning_hook(tmp_path)
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT / "hooks")!r})
        import build_offices
        from properdocs.commands.build import build
        from properdocs.config import load_config
        from properdocs.exceptions import Abort
        build_offices._quiet_but_strict()
        try:
            build(load_config({str(project / "mkdocs.yml")!r}, site_dir={str(tmp_path / "site")!r}, strict=True))
        except Abort as error:
            print(error)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "1 warnings in strict mode" in result.stdout, result.stderr[-3000:]
    assert "peringatan dari hook" in result.stderr
