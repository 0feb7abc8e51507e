"""Loading the Qt Designer forms in ``forms/*.ui``.

The forms are loaded at run time with :class:`QUiLoader` rather than compiled with ``uic``:
there is no build step to forget (a changed ``.ui`` is used on the next start), and a firm can
adjust a dialog's layout in Qt Designer without touching Python.  A dialog class *composes* the
loaded form: it creates the widget tree from the ``.ui`` file inside itself and looks up the
named children (``form.findChild(QLineEdit, "nameEdit")``); behaviour stays in Python.

Forms are found through :func:`casedesk.resources.resource_path`: ``<repo>/forms`` in a source
checkout, else the installed package's copy (``casedesk/_data/forms``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


def forms_dirs() -> list[Path]:
    from casedesk.resources import resource_path

    return [resource_path("forms")]


def form_path(name: str) -> Path:
    for folder in forms_dirs():
        path = folder / f"{name}.ui"
        if path.is_file():
            return path
    raise FileNotFoundError(f"The form {name}.ui is missing from {forms_dirs()[0]}.")


def load_form(name: str, host: QWidget) -> QWidget:
    """Load ``forms/<name>.ui`` and place it as the only content of ``host``."""
    path = form_path(name)
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise OSError(f"Cannot read {path}: {file.errorString()}")
    try:
        form = QUiLoader().load(file, host)
    finally:
        file.close()
    if form is None:
        raise OSError(f"The form {path} could not be loaded.")
    layout = host.layout() or QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(form)
    return form


def child(form: QWidget, kind: type[W], name: str) -> W:
    """A named child of a loaded form (a missing name is a bug in the ``.ui`` file)."""
    found = form.findChild(kind, name)
    if found is None:
        raise LookupError(f"The form has no {kind.__name__} named '{name}'.")
    return found
