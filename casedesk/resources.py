"""Where casedesk's shipped files are: rule sets, templates, questionnaires, translations, icons,
and the Qt Designer forms.

In the source tree they live in two top-level folders, ``resources/`` and ``forms/``, so people
edit them where they can see them.  An installed casedesk (a wheel, an sdist install, a
PyInstaller bundle) has no source tree: the build copies both folders into the package as
``casedesk/_data/resources`` and ``casedesk/_data/forms`` (``setup.py``'s ``build_py``; the
PyInstaller spec does the same), and :func:`resource_path` finds them there.

``resource_path("rules")`` → ``…/resources/rules``; ``resource_path("templates", "x.docx")`` →
``…/resources/templates/x.docx``; a first part ``"forms"`` means the forms folder
(``resource_path("forms", "client_form.ui")``).  ``CASEDESK_DATA_DIR`` (a folder holding
``resources/`` and ``forms/``) overrides both, for trying out edited files with an installed
casedesk.

This module is Qt-free and imports nothing from casedesk, so any layer can use it.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

__all__ = ["FORMS", "data_root", "resource_path"]

#: The first part of :func:`resource_path` that names the forms folder instead of resources/.
FORMS = "forms"

_PACKAGE = Path(__file__).resolve().parent


def _is_data_root(folder: Path) -> bool:
    return (folder / "resources").is_dir() and (folder / FORMS).is_dir()


@cache
def data_root() -> Path:
    """The folder holding ``resources/`` and ``forms/``: the override, else the source checkout
    (also an editable install), else the packaged copy inside ``casedesk/_data``."""
    override = os.environ.get("CASEDESK_DATA_DIR")
    if override:
        return Path(override).expanduser().resolve()
    checkout = _PACKAGE.parent
    # A checkout is recognised by its pyproject.toml next to the package, so a stray
    # ``resources`` folder in site-packages is never taken for ours.
    if (checkout / "pyproject.toml").is_file() and _is_data_root(checkout):
        return checkout
    return _PACKAGE / "_data"


def resource_path(*parts: str) -> Path:
    """The path of a shipped file or folder (it may not exist: callers check)."""
    if parts and parts[0] == FORMS:
        return data_root().joinpath(*parts)
    return data_root().joinpath("resources", *parts)
