"""`casedesk sync FILE --share DIR`, `--conflicts`, `--resolve`, and `casedesk join DIR FILE`."""

from __future__ import annotations

from pathlib import Path

import pytest

from casedesk.cli.main import main
from casedesk.core.casefile import CaseFile
from casedesk.core.services import contacts

PW = "s3cret-pw"


@pytest.fixture
def firm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASEDESK_USER", "admin")
    monkeypatch.setenv("CASEDESK_PASSWORD", PW)
    path = tmp_path / "firm.casedesk"
    cf, _ = CaseFile.create(path, firm_name="Test & Partners", admin="admin", password=PW)
    with cf:
        contacts.create(cf, name="Base", is_client=True)
    return path


def test_sync_join_conflicts_and_resolve(firm: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    share = tmp_path / "share"
    share.mkdir()
    assert main(["sync", str(firm), "--share", str(share)]) == 0
    assert "pushed" in capsys.readouterr().out
    laptop = tmp_path / "laptop.casedesk"
    assert main(["join", str(share), str(laptop)]) == 0
    assert "joined Test & Partners" in capsys.readouterr().out
    for path, name in ((firm, "Office"), (laptop, "Laptop")):
        with CaseFile.open(path, "admin", PW) as cf:
            (c,) = [c for c in contacts_list(cf)]
            contacts.update(cf, c.id, name=name)
    assert main(["sync", str(firm), "--share", str(share)]) == 0
    assert main(["sync", str(laptop), "--share", str(share), "--conflicts"]) == 0
    out = capsys.readouterr().out
    assert "conflict:" in out and "Office" in out and "Laptop" in out
    conflict_id = out.strip().splitlines()[-1].split()[0]
    assert main(["sync", str(laptop), "--resolve", conflict_id, "--choose", "other"]) == 0
    assert main(["sync", str(laptop), "--conflicts"]) == 0
    assert "no open conflicts" in capsys.readouterr().out


def contacts_list(cf: CaseFile) -> list:
    from sqlalchemy import select

    from casedesk.core.models import Contact

    with cf.read() as s:
        return list(s.scalars(select(Contact)))


def test_a_missing_share_fails_cleanly_and_is_not_created(
        firm: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-share"
    assert main(["sync", str(firm), "--share", str(missing)]) == 1
    assert "not reachable" in capsys.readouterr().err
    assert not missing.exists()
    assert main(["sync", str(firm)]) == 2
