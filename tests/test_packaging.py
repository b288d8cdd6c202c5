"""Packaging and import weight: what ``pip install .`` declares is what the code imports, and the
quick paths stay light.

- Every third-party module imported under ``sim/`` is a core dependency of ``pyproject.toml``,
  except under ``sim/sweep/`` (the ``sweep`` extra may add to it); ``app.py`` and ``views/`` may
  add the ``app`` extra. A fresh ``pip install .`` then ``ccsim compare`` works.
- ``import sim.erlang`` loads neither pandas, pydantic, matplotlib nor simpy (checked in a fresh
  interpreter, since this test session has imported everything).
- The version has one source, ``sim.__version__``.
"""

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
# import name -> requirement that brings it, where they differ
IMPORT_NAMES = {"distributed": "dask", "yaml": "pyyaml"}


def _distributions(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[<>=!~ ;]", req, maxsplit=1)[0].lower() for req in requirements}


def _third_party(paths) -> set[str]:
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in ("sim", "views"):
                    found.add(IMPORT_NAMES.get(top, top).lower())
    return found


CORE = _distributions(PYPROJECT["project"]["dependencies"])
EXTRAS = {k: _distributions(v) for k, v in PYPROJECT["project"]["optional-dependencies"].items()}


def test_the_library_imports_only_core_dependencies():
    library = [p for p in (ROOT / "sim").rglob("*.py") if "sweep" not in p.parts]
    assert _third_party(library) <= CORE


def test_sweeps_import_core_and_the_sweep_extra():
    assert _third_party((ROOT / "sim" / "sweep").rglob("*.py")) <= CORE | EXTRAS["sweep"]


def test_the_app_imports_core_and_the_app_extra():
    app = [ROOT / "app.py", *(ROOT / "views").glob("*.py")]
    assert _third_party(app) <= CORE | EXTRAS["app"]


def test_the_version_has_one_source():
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "sim.__version__"}
    assert "version" not in PYPROJECT["project"]


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return {name.split(".")[0] for name in out.stdout.split()}


@pytest.mark.parametrize(
    "statement",
    [
        "import sim.erlang",
        "import sim",
        "from sim.cli import main; main(['erlang', '--calls', '10', '--interval-minutes', '30', "
        "'--aht', '300'])",
    ],
)
def test_quick_paths_stay_light(statement):
    heavy = {"pandas", "pydantic", "matplotlib", "simpy", "pyarrow", "streamlit", "dask"}
    assert not _modules_after(statement) & heavy


def test_the_lazy_names_resolve():
    import sim

    for name in sim.__all__:
        assert getattr(sim, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        sim.nothing  # noqa: B018
