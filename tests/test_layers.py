"""Every module of every domain app is named by its app's import-linter layers contract.

A module no contract names is unchecked: it could import anything (issue 7 §4 found plan_io,
accounting, family, ics and demo outside the layers). A new module must take its place in
pyproject.toml's contract for its app; a new app needs a contract of its own.
"""

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "omsorg"
# Not layered, with the reason: planning has its own purity contracts (no Django); the demo
# builder sits on top of every app and is layered by "demo uses services", not inside itself;
# formats holds Django's per-language date and number formats (data, no imports).
UNLAYERED_PACKAGES = {"planning", "demo", "formats", "templates", "static", "locale"}
NOT_MODULES = {"__init__", "migrations", "templates", "static", "locale", "__pycache__"}


def _contracts() -> dict[str, set[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    named: dict[str, set[str]] = {}
    for contract in config["tool"]["importlinter"]["contracts"]:
        if contract["type"] != "layers":
            continue
        for container in contract.get("containers", []):
            modules = named.setdefault(container, set())
            for layer in contract["layers"]:
                for part in layer.replace(":", "|").split("|"):
                    modules.add(part.strip().strip("()"))
    return named


def _apps() -> list[str]:
    return sorted(
        path.name
        for path in PACKAGE.iterdir()
        if path.is_dir() and (path / "__init__.py").exists() and path.name not in UNLAYERED_PACKAGES
    )


def _modules(app: str) -> set[str]:
    found = set()
    for path in (PACKAGE / app).iterdir():
        if path.stem in NOT_MODULES or path.name.startswith("."):
            continue
        if path.suffix == ".py":
            found.add(path.stem)
        elif path.is_dir() and (path / "__init__.py").exists():
            found.add(path.name)
    return found


@pytest.mark.parametrize("app", _apps())
def test_every_module_of_the_app_is_in_a_layer(app):
    named = _contracts().get(f"omsorg.{app}")
    assert named is not None, f"omsorg.{app} has no layers contract in pyproject.toml"
    unnamed = sorted(_modules(app) - named)
    assert not unnamed, (
        f"omsorg.{app}: {unnamed} are in no layer of its import-linter contract (pyproject.toml)"
    )


def test_the_check_sees_the_known_apps():
    assert {"cases", "catalogue", "core", "people", "respite"} <= set(_apps())
