"""`casedesk erase FILE --contact ID --reason TEXT` and `casedesk retention FILE`."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from casedesk.cli.main import main
from casedesk.core.casefile import CaseFile
from casedesk.core.services import contacts, matters


@pytest.fixture
def firm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
         capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("CASEDESK_USER", "admin")
    monkeypatch.setenv("CASEDESK_PASSWORD", "s3cret-pw")
    path = tmp_path / "firm.casedesk"
    assert main(["init", str(path), "--firm", "Test & Partners", "--admin", "admin"]) == 0
    capsys.readouterr()
    return path


def _old_client(path: Path) -> str:
    with CaseFile.open(path, "admin", "s3cret-pw") as cf:
        c = contacts.create(cf, name="Spyros Karamanlidis", is_client=True,
                            emails=["spyros@example.gr"])
        m = matters.create(cf, title="Karamanlidis estate", client_id=c.id)
        matters.set_status(cf, m.id, "closed", on=date.today() - timedelta(days=365 * 8))
        cf.add_user("bob", "bob-pass-1", "attorney")
        return c.id


def test_retention_then_erase(firm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cid = _old_client(firm)
    assert main(["retention", str(firm), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["kind"], r["erasable"]) for r in rows] == [("matter", False), ("contact", True)]
    assert main(["erase", str(firm), "--contact", cid, "--reason", "retention over"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Erased the personal data of contact")
    assert "Spyros Karamanlidis" in out and "Karamanlidis estate" in out
    assert main(["list", str(firm), "clients", "--json"]) == 0
    assert "Karamanlidis" not in capsys.readouterr().out
    assert main(["check", str(firm)]) == 0


def test_erase_needs_the_administer_right(firm: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    cid = _old_client(firm)
    monkeypatch.setenv("CASEDESK_USER", "bob")
    monkeypatch.setenv("CASEDESK_PASSWORD", "bob-pass-1")
    assert main(["erase", str(firm), "--contact", cid, "--reason", "x"]) == 4
    err = capsys.readouterr().err.strip()
    assert "'administer' right" in err and len(err.splitlines()) == 1
