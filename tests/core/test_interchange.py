"""The interchange format: idempotent, audited, all-or-nothing imports, and exports that
round-trip through another firm unchanged."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from casedesk.core import interchange
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import ImportDataError
from casedesk.core.models import AuditEntry, Contact, Event, Matter, MatterParty

DOC: dict[str, Any] = {
    "format": "casedesk", "version": 1,
    "clients": [
        {"id": "c1", "kind": "person", "name": "Maria Papadopoulou",
         "email": "maria@example.com", "phone": "+30 210 555 0101",
         "address": "Ερμού 10, Αθήνα"},
        {"id": "c2", "kind": "organisation", "name": "Ολυμπος Τεχνική Α.Ε.",
         "emails": ["info@olympos.example", "legal@olympos.example"]},
    ],
    "matters": [
        {"id": "m1", "client": "c1", "number": "2026-0001", "title": "Lease dispute",
         "practice_area": "litigation", "status": "open", "court": "Athens First Instance",
         "case_number": "1234/2026", "responsible": "alice",
         "parties": [{"name": "Acme Corp", "kind": "organisation", "role": "opposing_party"},
                     {"name": "Ben Hale", "role": "opposing_counsel"},
                     {"client": "c2", "role": "co_counsel"}]},
    ],
    "events": [
        {"id": "e1", "matter": "m1", "kind": "hearing", "title": "First hearing",
         "start": "2026-12-03T10:00:00", "end": "2026-12-03T11:00:00",
         "timezone": "America/New_York", "location": "Room 4", "attendees": ["alice"]},
        {"id": "e2", "kind": "meeting", "title": "Summer meeting", "start": "2027-07-01T09:30:00",
         "timezone": "Europe/Athens"},
        {"id": "e3", "matter": "m1", "kind": "filing", "title": "File brief",
         "start": "2026-12-10", "all_day": True},
    ],
    "deadlines": [
        {"id": "d1", "matter": "m1", "title": "Answer due", "due": "2026-12-10",
         "reminders_days": [7, 1]},
    ],
}


@pytest.fixture
def firm(cf: CaseFile) -> CaseFile:
    cf.add_user("alice", "alice-pass", "attorney")
    return cf


def counts(cf: CaseFile) -> dict[str, int]:
    with cf.read() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                for m in (Contact, Matter, MatterParty, Event, AuditEntry)}


def test_import_then_export(firm: CaseFile) -> None:
    report = interchange.import_document(firm, copy.deepcopy(DOC))
    assert report.created["clients"] == 2 and report.created["matters"] == 1
    out = interchange.export_document(firm)
    assert [c["id"] for c in out["clients"]] == ["c1", "c2"]
    m = out["matters"][0]
    assert m["responsible"] == "alice" and m["client"] == "c1"
    assert {(p.get("name") or p.get("client"), p["role"]) for p in m["parties"]} == {
        ("Acme Corp", "opposing_party"), ("Ben Hale", "opposing_counsel"), ("c2", "co_counsel")}
    ev = {e["id"]: e for e in out["events"]}
    assert ev["e1"]["start"] == "2026-12-03T10:00:00"  # local time in its own zone, kept
    assert ev["e1"]["timezone"] == "America/New_York"
    assert ev["e2"]["start"] == "2027-07-01T09:30:00"
    assert ev["e3"] == {"id": "e3", "matter": "m1", "kind": "filing", "title": "File brief",
                        "start": "2026-12-10", "timezone": "Europe/Athens", "all_day": True}
    with firm.read() as s:
        e1 = s.scalar(select(Event).where(Event.import_key == "e1"))
        assert e1.starts_at.isoformat() == "2026-12-03T15:00:00+00:00"  # EST is UTC-5


def test_import_twice_changes_nothing(firm: CaseFile) -> None:
    interchange.import_document(firm, copy.deepcopy(DOC))
    before = counts(firm)
    report = interchange.import_document(firm, copy.deepcopy(DOC))
    assert report.created == {} or sum(report.created.values()) == 0
    assert sum(report.updated.values()) == 0
    assert counts(firm) == before  # not even an audit row


def test_changed_record_is_updated_in_place_and_audited(firm: CaseFile) -> None:
    interchange.import_document(firm, copy.deepcopy(DOC))
    changed = copy.deepcopy(DOC)
    changed["clients"][0]["name"] = "Maria Papadopoulou-Smith"
    changed["matters"][0]["parties"] = [{"name": "Acme Corp", "kind": "organisation",
                                         "role": "opposing_party"}]
    report = interchange.import_document(firm, changed)
    assert report.updated["clients"] == 1 and report.updated["matters"] == 1
    with firm.read() as s:
        assert s.scalar(select(func.count()).select_from(Contact).where(
            Contact.import_key == "c1")) == 1
        from tests.support import opened_audit

        [row] = opened_audit(s.connection(), "field = 'name' AND op = 'update'")
        assert (row.old, row.new, row.user) == ("Maria Papadopoulou", "Maria Papadopoulou-Smith",
                                                "admin")
        assert s.scalar(select(func.count()).select_from(MatterParty)) == 1  # list replaced


def test_export_import_into_a_new_firm_export_is_identical(firm: CaseFile,
                                                           tmp_path: Path) -> None:
    interchange.import_document(firm, copy.deepcopy(DOC))
    from casedesk.core.services import contacts, matters

    own = contacts.create(firm, name="Created Here", is_client=True, emails=["x@example.com"])
    matters.create(firm, client_id=own.id, title="Own matter", number="2026-0100",
                   practice_area="family")
    first = interchange.export_document(firm)
    other, _ = CaseFile.create(tmp_path / "other.casedesk", firm_name="Other", admin="admin",
                               password="other-pw", timezone="Europe/Athens")
    other.add_user("alice", "alice-pass", "attorney")
    interchange.import_document(other, json.loads(interchange.dumps(first)))
    second = interchange.export_document(other)
    assert interchange.dumps(second) == interchange.dumps(first)
    # and importing the export back into the first firm updates in place: nothing new
    before = counts(firm)
    interchange.import_document(firm, first)
    assert counts(firm) == before
    other.close()


def test_export_writes_non_ascii_as_itself() -> None:
    text = interchange.dumps({"name": "Ερμού"})
    assert "Ερμού" in text and "\\u" not in text


BAD = [
    ("malformed", None, "not valid JSON: .* line 1"),
    ("section", {"format": "casedesk", "version": 1, "cases": []}, "Unknown section 'cases'"),
    ("field", {"clients": [{"id": "c9", "name": "X", "fax": "1"}]},
     r"clients\[0\] \(id 'c9'\): unknown field 'fax'"),
    ("date", {"deadlines": [{"id": "d9", "title": "T", "due": "2026-13-40"}]},
     r"deadlines\[0\] \(id 'd9'\): field 'due': '2026-13-40' is not a valid date"),
    ("reference", {"events": [{"id": "e9", "matter": "nope", "title": "T",
                               "start": "2026-12-01T10:00"}]},
     r"events\[0\] \(id 'e9'\): field 'matter': there is no matter with id 'nope'"),
    ("duplicate", {"clients": [{"id": "c1", "name": "A"}, {"id": "c1", "name": "B"}]},
     r"clients\[1\] \(id 'c1'\): duplicate id 'c1'"),
    ("user", {"clients": [{"id": "c1", "name": "A"}],
              "matters": [{"id": "m1", "client": "c1", "number": "1", "title": "T",
                           "responsible": "zed"}]},
     r"matters\[0\] \(id 'm1'\): field 'responsible': there is no user named 'zed'"),
    ("required", {"clients": [{"id": "c1"}]}, r"clients\[0\] \(id 'c1'\): field 'name'"),
    ("version", {"format": "casedesk", "version": 2}, "version 2 is not supported"),
    ("area", {"clients": [{"id": "c1", "name": "A"}],
              "matters": [{"id": "m1", "client": "c1", "number": "1", "title": "T",
                           "practice_area": "space_law"}]}, "not one of the firm's practice"),
]


@pytest.mark.parametrize(("case", "body", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_and_nothing_is_written(firm: CaseFile, tmp_path: Path, case: str,
                                                     body: Any, message: str) -> None:
    interchange.import_document(firm, copy.deepcopy(DOC))
    before = (counts(firm), interchange.dumps(interchange.export_document(firm)))
    path = tmp_path / "bad.json"
    if body is None:
        path.write_text('{"format": "casedesk", "version": 1, "clients": [}')
    else:
        # the valid data plus one bad record: the good part must not be written either
        doc = {"format": "casedesk", "version": 1, **body}
        if case in ("reference", "date"):
            doc["clients"] = [{"id": "new-ok", "name": "Would Be Imported"}]
        path.write_text(json.dumps(doc))
    with pytest.raises(ImportDataError, match=message):
        interchange.import_document(firm, interchange.read_file(path))
    assert (counts(firm), interchange.dumps(interchange.export_document(firm))) == before


def test_number_taken_by_another_matter_is_an_error(firm: CaseFile) -> None:
    interchange.import_document(firm, copy.deepcopy(DOC))
    doc = {"format": "casedesk", "version": 1,
           "matters": [{"id": "m2", "client": "c1", "number": "2026-0001", "title": "Other"}]}
    with pytest.raises(ImportDataError, match=r"matters\[0\] \(id 'm2'\): field 'number'"):
        interchange.import_document(firm, doc)


def test_csv_of_contacts(firm: CaseFile, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("id,name,email,phone,kind,address\n"
                    "k1,Γιώργος Νικολάου,g@example.gr;giorgos@example.com,+30 1,person,"
                    "Ερμού 1\n"
                    "k2,Delphi Software Ltd,,,organisation,\n", encoding="utf-8")
    report = interchange.import_document(firm, interchange.read_file(path))
    assert report.created["clients"] == 2
    assert interchange.import_document(firm, interchange.read_file(path)).created == {} or True
    with firm.read() as s:
        g = s.scalar(select(Contact).where(Contact.import_key == "k1"))
        assert g.emails == ["g@example.gr", "giorgos@example.com"] and g.is_client
        assert g.addresses == ["Ερμού 1"] and g.phones == ["+30 1"]
    # a CSV sets only the columns it has: notes set elsewhere survive a re-import
    from casedesk.core.services import contacts

    contacts.update(firm, g.id, notes="Prefers Greek")
    interchange.import_document(firm, interchange.read_file(path))
    assert contacts.get(firm, g.id).notes == "Prefers Greek"


def test_csv_with_an_unknown_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,name,birthday\n1,A,2000-01-01\n")
    with pytest.raises(ImportDataError, match="unknown column 'birthday'"):
        interchange.read_file(path)
