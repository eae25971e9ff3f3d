"""Imports between the top-level packages run one way (ARCHITECTURE.md, "Import order").

The table below is the rule; ARCHITECTURE.md draws it. Every import counts: at the top of a
module, inside a function, under `if TYPE_CHECKING:`, and `import_module("…")`,
`import_string("…")` or `include("…")` with a literal path. Migrations count too: Django imports
them on every migrate, and a data migration that imported a higher package would tie the two
together for as long as the migration exists (data migrations use `apps.get_model` instead).

The files are parsed with `ast`, not imported, and no database is used.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Directories that hold Python files but are no part of the project's code.
NOT_OURS = {"node_modules", "static"}

CELERY_APP = "config.celery"
DOMAIN = {"eligibility", "advisers", "pathways", "accommodation", "eet", "documents",
          "immigration", "health", "localoffer"}
REPORTING = {"alerts", "returns", "boardpack"}
APPLICATION = ({"config", CELERY_APP, "accounts", "careleavers", "standing", "dashboard",
                "portal"} | DOMAIN | REPORTING)

#: What each unit may import besides itself, with the reason. A unit is a top-level package, or
#: a module named on its own (the Celery app, which sits at the bottom while the rest of
#: `config` sits at the top). A module belongs to the longest unit its dotted name starts with.
MAY_IMPORT: dict[str, tuple[set[str], str]] = {
    CELERY_APP: (set(), "the Celery app is at the bottom: any package may use it, it uses none"),
    "careleavers": (
        {CELERY_APP},
        "careleavers is below every other package: they register with it (record_part, "
        "caseload_column, home_panel, import_file, demo_step, the services' hooks); it never "
        "asks them",
    ),
    "accounts": ({CELERY_APP, "careleavers"}, "accounts reads careleavers only"),
    "eligibility": ({CELERY_APP, "careleavers"}, "eligibility reads careleavers only"),
    **{
        package: (
            {CELERY_APP, "careleavers", "eligibility"},
            "advisers, pathways, accommodation, eet, documents, immigration, health and "
            "localoffer read careleavers and eligibility, never each other: a fact passes "
            "between them through careleavers' hooks and registries",
        )
        for package in DOMAIN - {"eligibility"}
    },
    "standing": (
        {CELERY_APP, "careleavers"} | DOMAIN,
        "standing derives each young person's standing from the domain packages, which never "
        "read it: it is kept through careleavers' change hook",
    ),
    "dashboard": (
        {CELERY_APP, "careleavers", "standing"} | DOMAIN,
        "dashboard reads the domain packages and the standing; alerts, returns and boardpack "
        "read dashboard, never the reverse",
    ),
    **{
        package: (
            {CELERY_APP, "careleavers", "standing", "dashboard"} | DOMAIN,
            "alerts, returns and boardpack read dashboard and the domain packages, never each "
            "other",
        )
        for package in REPORTING
    },
    "portal": (
        {CELERY_APP, "careleavers", "standing"} | DOMAIN,
        "portal shows a young person their own records and takes their asks to the domain "
        "packages' services; no other package knows it, and it reads no figures",
    ),
    "config": (APPLICATION, "config wires the packages together; only tests and benchmarks "
               "import tests and benchmarks"),
    "benchmarks": (APPLICATION | {"tests"}, "benchmarks may import anything"),
    "tests": (APPLICATION | {"benchmarks"}, "tests may import anything"),
}


@dataclass(frozen=True)
class Breach:
    path: str
    line: int
    unit: str
    imported: str  # the dotted name as resolved, e.g. dashboard.figures.figures_for
    imported_unit: str

    def __str__(self) -> str:
        allowed, why = MAY_IMPORT[self.unit]
        return (f"{self.path}:{self.line}: {self.unit} must not import {self.imported_unit} "
                f"({self.imported}). {self.unit} may import only "
                f"{', '.join(sorted(allowed)) or 'nothing of ours'}: {why}.")


def unit_of(module: str) -> str | None:
    """The unit a dotted module name belongs to, or None for Django, third parties and the
    standard library."""
    parts = module.split(".")
    for length in range(len(parts), 0, -1):
        candidate = ".".join(parts[:length])
        if candidate in MAY_IMPORT:
            return candidate
    return None


def _module_name(path: str) -> tuple[str, bool]:
    """`careleavers/record.py` -> ("careleavers.record", False); `config/__init__.py` ->
    ("config", True)."""
    parts = list(Path(path).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


_DYNAMIC_IMPORTS = {"import_module", "import_string", "include", "__import__"}


def imports_in(source: str, path: str):
    """Each (line, dotted name) the source imports, relative imports resolved."""
    module, is_package = _module_name(path)
    package = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            parent = package[: max(0, len(package) - node.level + 1)] if node.level else []
            base = [*parent, *([node.module] if node.module else [])]
            for alias in node.names:
                # `from x import y` may name a module x.y or a name in x: x.y covers both.
                yield node.lineno, ".".join(base if alias.name == "*" else [*base, alias.name])
        elif isinstance(node, ast.Call):
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else getattr(
                function, "id", "")
            if (name in _DYNAMIC_IMPORTS and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                yield node.lineno, node.args[0].value


def breaches(path: str, source: str) -> list[Breach]:
    """The imports in `source` (the file at `path`, relative to the project root) that break
    the table."""
    unit = unit_of(_module_name(path)[0])
    if unit is None:  # manage.py and other files outside the packages
        return []
    allowed, _ = MAY_IMPORT[unit]
    found = []
    for line, imported in imports_in(source, path):
        imported_unit = unit_of(imported)
        if imported_unit not in (None, unit) and imported_unit not in allowed:
            found.append(Breach(path, line, unit, imported, imported_unit))
    return sorted(found, key=lambda breach: (breach.path, breach.line))


def project_files() -> list[Path]:
    return sorted(
        path
        for directory in ROOT.iterdir()
        if directory.is_dir() and not directory.name.startswith(".")
        and directory.name not in NOT_OURS
        for path in directory.rglob("*.py")
    )


def test_imports_run_one_way():
    found = [
        breach
        for path in project_files()
        for breach in breaches(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"))
    ]
    if found:
        pytest.fail("Imports against the order in ARCHITECTURE.md:\n"
                    + "\n".join(str(breach) for breach in found), pytrace=False)


def test_every_package_has_a_row_in_the_table():
    packages = {path.relative_to(ROOT).parts[0] for path in project_files()}
    assert packages - set(MAY_IMPORT) == set(), (
        "A new top-level package: add it to MAY_IMPORT here and to ARCHITECTURE.md"
    )


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        ("careleavers/x.py", "from dashboard.figures import figures_for\n",
         "careleavers/x.py:1: careleavers must not import dashboard "
         "(dashboard.figures.figures_for)"),
        ("careleavers/x.py", "import os\n\n\ndef f():\n    import alerts.alerts\n",
         "careleavers/x.py:5: careleavers must not import alerts (alerts.alerts)"),
        ("careleavers/x.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
         "    from eligibility.models import StatutoryStatus\n",
         "careleavers/x.py:3: careleavers must not import eligibility"),
        ("careleavers/x.py", "from config import settings\n",
         "careleavers/x.py:1: careleavers must not import config (config.settings)"),
        ("careleavers/migrations/0009_x.py", "from pathways.rules import plan_due\n",
         "careleavers/migrations/0009_x.py:1: careleavers must not import pathways"),
        ("eligibility/rules.py", "from advisers import selectors\n",
         "eligibility/rules.py:1: eligibility must not import advisers (advisers.selectors)"),
        ("accommodation/services.py", "from pathways.services import plan_start\n",
         "accommodation/services.py:1: accommodation must not import pathways"),
        ("dashboard/figures.py", "from returns.dfe import dfe_view\n",
         "dashboard/figures.py:1: dashboard must not import returns"),
        ("alerts/alerts.py", "from boardpack.board import x\n",
         "alerts/alerts.py:1: alerts must not import boardpack"),
        ("returns/x.py", "from tests.factories import YoungPersonFactory\n",
         "returns/x.py:1: returns must not import tests"),
        ("config/views.py", "import benchmarks.harness\n",
         "config/views.py:1: config must not import benchmarks"),
        ("config/celery.py", "from . import settings\n",
         "config/celery.py:1: config.celery must not import config (config.settings)"),
        ("careleavers/sub/x.py", "from ...dashboard import figures\n",
         "careleavers/sub/x.py:1: careleavers must not import dashboard (dashboard.figures)"),
        ("careleavers/x.py",
         "from django.utils.module_loading import import_string\n\n"
         "f = import_string('dashboard.figures.figures_for')\n",
         "careleavers/x.py:3: careleavers must not import dashboard"),
    ],
)
def test_the_check_reports_a_forbidden_import(path, source, expected):
    found = breaches(path, source)
    assert len(found) == 1, found
    assert str(found[0]).startswith(expected)


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("careleavers/queue.py", "from config.celery import app\n"),
        ("careleavers/record.py", "from . import models\nfrom .models import YoungPerson\n"),
        ("eligibility/services.py", "from careleavers.history import save_with_history\n"),
        ("pathways/services.py", "from eligibility.rules import age_on\n"),
        ("dashboard/figures.py", "from accommodation.models import AccommodationEpisode\n"),
        ("returns/dfe.py", "from dashboard.figures import figures_for\nimport eet.rules\n"),
        ("config/__init__.py", "from .celery import app as celery_app\n"),
        ("config/urls.py", "from django.urls import include\nx = include('alerts.urls')\n"),
        ("benchmarks/conftest.py", "from tests.conftest import postgres_server\n"),
        ("tests/x.py", "import boardpack.board\nimport benchmarks.harness\n"),
        ("manage.py", "import dashboard\n"),
    ],
)
def test_the_check_allows_what_the_table_allows(path, source):
    assert breaches(path, source) == []
