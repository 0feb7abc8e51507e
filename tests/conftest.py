"""Shared test set-up: Qt offscreen, cheap key derivation, fresh case files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from casedesk.core import crypto
from casedesk.core.casefile import CaseFile
from tests.support import ADMIN_PW


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 at production cost takes ~0.3 s per slot; tests use cheap parameters (the
    production parameters are exercised by tests marked `realkdf` and by the benchmarks)."""
    monkeypatch.setattr(crypto, "DEFAULT_KDF", crypto.TEST_KDF)


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    return tmp_path / "firm.casedesk"


@pytest.fixture
def cf(case_path: Path) -> Iterator[CaseFile]:
    """A fresh, empty case file, logged in as its administrator ``admin``."""
    casefile, _ = CaseFile.create(case_path, firm_name="Test & Partners", admin="admin",
                                  password=ADMIN_PW, timezone="Europe/Athens")
    try:
        yield casefile
    finally:
        casefile.close()


@pytest.fixture
def recovery(case_path: Path) -> Iterator[tuple[CaseFile, str]]:
    casefile, key = CaseFile.create(case_path, firm_name="Test & Partners", admin="admin",
                                    password=ADMIN_PW)
    try:
        yield casefile, key
    finally:
        casefile.close()
