"""`casedesk conflicts` and `casedesk intake list` (issue 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casedesk.cli.main import main
from casedesk.core import intake
from casedesk.core.casefile import CaseFile
from casedesk.core.services import contacts, matters
from tests.support import ADMIN_PW


@pytest.fixture
def firm(cf: CaseFile, case_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    client = contacts.create(cf, name="Aegean Shipping S.A.", kind="organisation",
                             is_client=True)
    m = matters.create(cf, title="Charter party claim", client_id=client.id,
                       practice_area="other")
    other = contacts.create(cf, name="Νικόλαος Παπαδόπουλος")
    matters.add_party(cf, m.id, other.id, "opposing_party")
    intake.start_draft(cf, "family", answers={"client.name": "Γιώργος Νικολάου"})
    monkeypatch.setenv("CASEDESK_USER", "admin")
    monkeypatch.setenv("CASEDESK_PASSWORD", ADMIN_PW)
    return case_path


def test_conflicts_json_writes_names_as_themselves(firm: Path,
                                                   capfd: pytest.CaptureFixture[str]) -> None:
    code = main(["conflicts", str(firm), "--name", "Nikolaos Papadopoulos",
                 "--name", "Aegean Shipping Ltd", "--json"])
    out = capfd.readouterr().out
    assert code == 0
    assert "Νικόλαος Παπαδόπουλος" in out  # not \u escapes
    hits = json.loads(out)
    assert {(h["query"], h["name"], h["standing"], h["role"]) for h in hits} == {
        ("Nikolaos Papadopoulos", "Νικόλαος Παπαδόπουλος", "adverse_party", "opposing_party"),
        ("Aegean Shipping Ltd", "Aegean Shipping S.A.", "current_client", "client"),
    }
    assert all(h["matter_number"] and h["matter_title"] == "Charter party claim" for h in hits)


def test_conflicts_exit_zero_without_hits(firm: Path, capfd: pytest.CaptureFixture[str]) -> None:
    assert main(["conflicts", str(firm), "--name", "Zeta Foods GmbH", "--json"]) == 0
    assert json.loads(capfd.readouterr().out) == []
    assert main(["conflicts", str(firm), "--name", "Zeta Foods GmbH"]) == 0
    assert "No conflicts found" in capfd.readouterr().out
    assert main(["conflicts", str(firm), "--name", "Nikolaos Papadopoulos"]) == 0
    text = capfd.readouterr().out
    assert "Νικόλαος Παπαδόπουλος" in text and "adverse party" in text


def test_intake_list(firm: Path, capfd: pytest.CaptureFixture[str]) -> None:
    assert main(["intake", str(firm), "list", "--json"]) == 0
    [row] = json.loads(capfd.readouterr().out)
    assert (row["client"], row["practice_area"], row["status"]) == (
        "Γιώργος Νικολάου", "family", "draft")
    assert main(["intake", str(firm), "list"]) == 0
    assert "Γιώργος Νικολάου" in capfd.readouterr().out
