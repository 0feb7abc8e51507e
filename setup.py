"""Build hook: copy the top-level ``resources/`` and ``forms/`` into the built package.

Everything else about the package is in ``pyproject.toml``.  The source tree keeps the shipped
files at the top level (where people edit them); a wheel carries them as package data under
``casedesk/_data/`` where :func:`casedesk.resources.resource_path` looks when there is no source
tree.  An editable install (``pip install -e .``) copies nothing: it runs from the checkout and
finds the top-level folders directly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
#: Top-level folders copied into ``casedesk/_data/<name>``.
DATA_FOLDERS = ("resources", "forms")
#: Development-only files left out of the package.
SKIP = shutil.ignore_patterns("__pycache__", "*.py", "*.pyc", ".*")


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "casedesk" / "_data"
        for name in DATA_FOLDERS:
            source = HERE / name
            if not source.is_dir():
                raise SystemExit(f"setup.py: the folder {source} is missing from the source tree")
            shutil.copytree(source, target / name, ignore=SKIP, dirs_exist_ok=True)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if getattr(self, "editable_mode", False):
            return outputs
        target = Path(self.build_lib) / "casedesk" / "_data"
        outputs += [str(p) for p in target.rglob("*") if p.is_file()]
        return outputs


setup(cmdclass={"build_py": BuildWithData})
