"""GUI test fixtures: the demo firm built once per session, copied per test; a context with
the synchronous runner; QSettings in a temporary folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from casedesk.core import crypto
from casedesk.core.casefile import CaseFile
from casedesk.gui import errors
from casedesk.gui.context import AppContext
from casedesk.gui.tasks import SyncRunner


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from casedesk.core.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "x.casedesk"
    build_demo(path, kdf=crypto.TEST_KDF)
    return path


@pytest.fixture
def demo_path(demo_master: Path, tmp_path: Path) -> Path:
    target = tmp_path / "x.casedesk"
    shutil.copy(demo_master, target)
    shutil.copy(Path(f"{demo_master}.keys"), Path(f"{target}.keys"))
    return target


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def shown_errors() -> Iterator[list[BaseException]]:
    errors.SHOWN = []
    try:
        yield errors.SHOWN
    finally:
        errors.SHOWN = None


@pytest.fixture
def demo_cf(demo_path: Path) -> Iterator[CaseFile]:
    cf = CaseFile.open(demo_path, "maria", "demo")
    try:
        yield cf
    finally:
        cf.close()


@pytest.fixture
def ctx(qapp: object, demo_cf: CaseFile, settings: QSettings,
        shown_errors: list[BaseException]) -> AppContext:
    from PySide6.QtCore import QLocale

    return AppContext(demo_cf, SyncRunner(), settings, QLocale(QLocale.Language.English))
