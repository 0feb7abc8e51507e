"""Calendar command lines: rules apply/list/add, schedule, export --format ics, events import."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject

from casedesk.cli.main import main
from casedesk.core.casefile import CaseFile
from casedesk.core.services import calendar, contacts, matters

PW = "s3cret-pw"


@pytest.fixture
def firm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
         capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("CASEDESK_USER", "admin")
    monkeypatch.setenv("CASEDESK_PASSWORD", PW)
    path = tmp_path / "firm.casedesk"
    cf, _ = CaseFile.create(path, firm_name="Test & Partners", admin="admin", password=PW,
                            timezone="Europe/Athens")
    with cf:
        cf.add_user("eleni", "pw-eleni", "attorney")
        client = contacts.create(cf, name="Client", is_client=True)
        matters.create(cf, title="Acme", client_id=client.id, number="2026-0001",
                       responsible="eleni")
        calendar.create_event(cf, title="Deposition", start="2026-12-03T10:00",
                              end="2026-12-03T12:00", location="Meeting room A",
                              attendees=["eleni"])
    capsys.readouterr()
    return path


def test_rules_apply_and_list(firm: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "apply", str(firm), "--matter", "2026-0001", "--trigger",
                 "complaint_served", "--date", "2026-11-05"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == "2026-11-27  Answer or Rule 12 motion due  [FRCP 12(a)(1)(A)(i)]"
    rules = tmp_path / "ours.toml"
    rules.write_text('id = "ours"\nname = "Our rules"\njurisdiction = "US"\nversion = "1"\n'
                     'effective = 2020-01-01\n[[triggers]]\nname = "kickoff"\nlabel = "Kick"\n'
                     '[[triggers.deadlines]]\nkey = "memo"\ntitle = "Memo"\ndays = 7\n',
                     encoding="utf-8")
    assert main(["rules", "add", str(firm), str(rules)]) == 0
    capsys.readouterr()
    assert main(["rules", "list", "--file", str(firm)]) == 0
    out = capsys.readouterr().out
    assert "us-federal-civil" in out and "ours  Our rules  (firm)" in out
    assert main(["rules", "apply", str(firm), "--matter", "2026-0001", "--trigger", "nope",
                 "--date", "2026-11-05"]) == 1
    assert "nope" in capsys.readouterr().err


def test_schedule_conflict_and_auto_resolve(firm: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    args = ["schedule", str(firm), "--matter", "2026-0001", "--title", "Client call",
            "--start", "2026-12-03T10:30", "--minutes", "30", "--attendee", "eleni"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "Deposition" in err and "2026-12-03 12:00" in err and "Nothing was booked" in err
    assert main([*args, "--auto-resolve"]) == 0
    out = capsys.readouterr().out
    assert "Booked 2026-12-03 12:00–12:30 Europe/Athens" in out
    assert main(["schedule", str(firm), "--matter", "2026-0001", "--title", "Free",
                 "--start", "2026-12-04T10:00", "--minutes", "60", "--attendee", "eleni",
                 "--location", "Meeting room A"]) == 0
    assert "Booked 2026-12-04 10:00–11:00" in capsys.readouterr().out


def test_export_ics_and_import(firm: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cal.ics"
    assert main(["export", str(firm), "--format", "ics", "--out", str(out),
                 "--attorney", "eleni", "--from", "2026-12-01", "--to", "2026-12-31"]) == 0
    cal = vobject.readOne(out.read_text(encoding="utf-8"))
    assert [ev.summary.value for ev in cal.vevent_list] == ["Deposition"]
    first = out.read_bytes()
    assert main(["export", str(firm), "--format", "ics", "--out", str(out)]) == 0
    assert main(["export", str(firm), "--format", "ics", "--out", str(out),
                 "--attorney", "eleni", "--from", "2026-12-01", "--to", "2026-12-31"]) == 0
    assert out.read_bytes() == first
    capsys.readouterr()
    assert main(["export", str(firm), "--format", "ics", "--out", str(out),
                 "--from", "2026-13-01"]) == 2
    ics = tmp_path / "notice.ics"
    ics.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n"
                    b"UID:n-1@court\r\nDTSTAMP:20261101T120000Z\r\n"
                    b"DTSTART:20270115T080000Z\r\nDTEND:20270115T090000Z\r\n"
                    b"SUMMARY:Hearing\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    for _ in range(2):
        assert main(["events", str(firm), "import", "--matter", "2026-0001", str(ics)]) == 0
        assert capsys.readouterr().out.strip() == "2027-01-15 10:00 Europe/Athens  Hearing"
    assert main(["list", str(firm), "events"]) == 0
    assert capsys.readouterr().out.count("Hearing") == 1
