"""Rights enforced in the core, users, passwords, recovery and policies (issue 8)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from casedesk.core import auditview, interchange, policy, reports
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import AuthenticationError, PermissionDenied, ValidationError
from casedesk.core.models import AuditEntry, Deadline, DeadlineStatus
from casedesk.core.permissions import ROLE_RIGHTS, Right
from casedesk.core.services import (
    calendar,
    contacts,
    correspondence,
    deadlines,
    documents,
    drafts,
    icalexport,
    matters,
    schedule,
    work,
)
from tests.support import ADMIN_PW

USERS = {"att": "attorney", "cm": "case_manager", "asst": "assistant", "ro": "read_only"}
PW = "pw-{}-2024x"


@pytest.fixture
def firm(cf: CaseFile, case_path: Path) -> dict[str, Any]:
    for name, role in USERS.items():
        cf.add_user(name, PW.format(name), role)
    client = contacts.create(cf, name="Acme Shipping S.A.", is_client=True)
    matter = matters.create(cf, title="Acme v. Beta", client_id=client.id)
    deadline = calendar.create_deadline(cf, title="Reply brief", due=date(2031, 5, 5),
                                        matter_id=matter.id)
    spare = contacts.create(cf, name="Spare Contact")
    return {"client": client.id, "spare": spare.id, "matter": matter.id, "number": matter.number,
            "deadline": deadline.id}


@pytest.fixture
def as_user(case_path: Path) -> Iterator[Callable[[str], CaseFile]]:
    opened: list[CaseFile] = []

    def _open(name: str) -> CaseFile:
        cf = CaseFile.open(case_path, name, ADMIN_PW if name == "admin" else PW.format(name))
        opened.append(cf)
        return cf

    yield _open
    for c in opened:
        c.close()


def audit_count(cf: CaseFile) -> int:
    with cf.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


ICS = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:x1@t\r\n"
       b"DTSTAMP:20300101T000000Z\r\nDTSTART:20300105T090000Z\r\nDTEND:20300105T100000Z\r\n"
       b"SUMMARY:Meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")

#: Every way of changing something, each as (name, right it needs, callable(cf, firm)).
WRITES: list[tuple[str, Right, Callable[[CaseFile, dict[str, Any]], Any]]] = [
    ("contact add", Right.EDIT, lambda c, f: contacts.create(c, name="New Person")),
    ("contact edit", Right.EDIT, lambda c, f: contacts.update(c, f["client"], name="Acme 2")),
    ("contact delete", Right.DELETE, lambda c, f: contacts.delete(c, f["spare"])),
    ("matter open", Right.EDIT,
     lambda c, f: matters.create(c, title="Another", client_id=f["client"])),
    ("matter edit", Right.EDIT, lambda c, f: matters.update(c, f["matter"], title="Renamed")),
    ("matter status", Right.EDIT, lambda c, f: matters.set_status(c, f["matter"], "closed")),
    ("deadline add", Right.EDIT, lambda c, f: calendar.create_deadline(
        c, title="X", due=date(2031, 1, 1), matter_id=f["matter"])),
    ("deadline done", Right.EDIT, lambda c, f: calendar.set_deadline_done(c, f["deadline"])),
    ("deadline delete", Right.DELETE, lambda c, f: calendar.delete_deadline(c, f["deadline"])),
    ("event add", Right.EDIT, lambda c, f: calendar.create_event(
        c, title="Call", start="2031-01-01 10:00", matter_id=f["matter"])),
    ("schedule", Right.EDIT, lambda c, f: schedule.book(
        c, title="Meeting", start="2031-01-06 10:00", minutes=30, attendees=[])),
    ("rules apply", Right.EDIT, lambda c, f: deadlines.apply_rule_set(
        c, f["matter"], "complaint_served", date(2031, 1, 6))),
    ("task add", Right.EDIT, lambda c, f: work.create_task(c, title="Call client")),
    ("note add", Right.EDIT, lambda c, f: work.add_note(c, "A note", matter_id=f["matter"])),
    ("doc add", Right.EDIT, lambda c, f: documents.add_document(
        c, f["matter"], "memo.txt", b"hello")),
    ("draft", Right.EDIT, lambda c, f: drafts.draft(c, f["matter"], "engagement_letter")),
    ("correspondence", Right.EDIT, lambda c, f: correspondence.log(
        c, f["matter"], "incoming", "letter", "2030-01-01", "Letter")),
    ("ics import", Right.EDIT, lambda c, f: icalexport.import_ics(c, f["matter"], ICS)),
    ("import", Right.EDIT, lambda c, f: interchange.import_document(
        c, {"format": "casedesk-interchange", "version": 1,
            "clients": [{"id": "k1", "name": "Imported Ltd"}]})),
    ("user add", Right.ADMINISTER, lambda c, f: c.add_user("zed", "zed-pw-9999", "assistant")),
    ("user remove", Right.ADMINISTER, lambda c, f: c.remove_user("asst")),
    ("user disable", Right.ADMINISTER, lambda c, f: c.set_active("asst", False)),
    ("user role", Right.ADMINISTER, lambda c, f: c.set_role("asst", "admin")),
    ("user reset", Right.ADMINISTER, lambda c, f: c.reset_password("asst")),
    ("other's password", Right.ADMINISTER, lambda c, f: c.set_password("admin", "x-pw-12345")),
    ("policy set", Right.ADMINISTER, lambda c, f: policy.set_value(c, "min_password_length", 9)),
    ("closure days", Right.ADMINISTER, lambda c, f: deadlines.set_closure_days(
        c, {date(2031, 1, 2): "Closed"})),
]
EXPORTS: list[tuple[str, Callable[[CaseFile, Path], Any]]] = [
    ("interchange export", lambda c, p: interchange.export_document(c)),
    ("ics export", lambda c, p: icalexport.export_ics(c)),
    ("audit csv", lambda c, p: auditview.export_csv(c, auditview.AuditFilter(), p / "a.csv")),
]


@pytest.mark.parametrize("name,right,call", WRITES, ids=[w[0] for w in WRITES])
def test_read_only_cannot_change_anything(firm: dict[str, Any], as_user: Any, name: str,
                                          right: Right, call: Any) -> None:
    ro = as_user("ro")
    before = audit_count(ro)
    with pytest.raises(PermissionDenied) as err:
        call(ro, firm)
    assert f"'{right.value}' right" in str(err.value)
    assert audit_count(ro) == before


@pytest.mark.parametrize("role", ["attorney", "case_manager", "assistant", "read_only"])
@pytest.mark.parametrize("name,right,call", [w for w in WRITES if w[1] is not Right.EDIT],
                         ids=[w[0] for w in WRITES if w[1] is not Right.EDIT])
def test_each_role_gets_exactly_its_rights(firm: dict[str, Any], as_user: Any, role: str,
                                           name: str, right: Right, call: Any) -> None:
    user = next(u for u, r in USERS.items() if r == role)
    c = as_user(user)
    if right in ROLE_RIGHTS[c.user.role]:  # type: ignore[index]
        call(c, firm)
    else:
        before = audit_count(c)
        with pytest.raises(PermissionDenied, match=f"'{right.value}' right"):
            call(c, firm)
        assert audit_count(c) == before


def test_assistant_edits_but_does_not_delete_or_export(firm: dict[str, Any], as_user: Any,
                                                        tmp_path: Path) -> None:
    asst = as_user("asst")
    work.create_task(asst, title="Allowed")
    with pytest.raises(PermissionDenied, match="'delete' right"):
        calendar.delete_deadline(asst, firm["deadline"])
    for _name, call in EXPORTS:
        with pytest.raises(PermissionDenied, match=r"'(export|audit)' right"):
            call(asst, tmp_path)


def test_read_only_still_reads(firm: dict[str, Any], as_user: Any) -> None:
    ro = as_user("ro")
    assert matters.get(ro, firm["matter"]).number == firm["number"]
    assert reports.weekly(ro, date(2031, 5, 5)).deadlines
    with pytest.raises(PermissionDenied, match="'audit' right"):
        auditview.query(ro)


def test_export_policy_reserves_exports_to_admins(firm: dict[str, Any], as_user: Any,
                                                  cf: CaseFile, tmp_path: Path) -> None:
    att = as_user("att")
    for _name, call in EXPORTS:
        call(att, tmp_path)
    policy.set_value(cf, "non_admin_export", "no")
    for _name, call in EXPORTS:
        with pytest.raises(PermissionDenied, match=r"'export' right.*policy"):
            call(att, tmp_path)
    for _name, call in EXPORTS:
        call(cf, tmp_path)  # administrators still may


# -- users and passwords -------------------------------------------------------------------------


def test_disable_enable_and_role(firm: dict[str, Any], cf: CaseFile, case_path: Path) -> None:
    cf.set_active("asst", False)
    with pytest.raises(AuthenticationError, match="disabled"):
        CaseFile.open(case_path, "asst", PW.format("asst"))
    cf.set_active("asst", True)
    cf.set_role("asst", "read_only")
    with CaseFile.open(case_path, "asst", PW.format("asst")) as c:
        assert c.user.role == "read_only"
    with pytest.raises(ValidationError, match="last active administrator"):
        cf.set_role("admin", "attorney")
    with pytest.raises(ValidationError, match="own account"):
        cf.set_active("admin", False)


def test_admin_resets_a_forgotten_password(firm: dict[str, Any], cf: CaseFile,
                                           case_path: Path) -> None:
    temporary = cf.reset_password("cm")
    with pytest.raises(AuthenticationError):
        CaseFile.open(case_path, "cm", PW.format("cm"))
    with CaseFile.open(case_path, "cm", temporary) as c:
        assert c.must_change_password
        with pytest.raises(PermissionDenied, match="new password"):
            work.create_task(c, title="Not yet")
        c.set_password("cm", "my-new-pw-2025")
        assert not c.must_change_password
    with CaseFile.open(case_path, "cm", "my-new-pw-2025") as c:
        assert not c.must_change_password
        work.create_task(c, title="Now allowed")
    with cf.read() as s:
        notes = s.scalars(select(AuditEntry).where(AuditEntry.entity == "user",
                                                   AuditEntry.op == "password")).all()
    assert {n.user for n in notes} >= {"admin", "cm"}


def test_recovery_key_resets_an_admin_password(recovery: tuple[CaseFile, str],
                                               case_path: Path) -> None:
    cf, key = recovery
    assert cf.recovery_key_exists()
    cf.close()
    with CaseFile.open_with_recovery(case_path, key) as rc:
        rc.set_password("admin", "brand-new-admin-pw")
    with CaseFile.open(case_path, "admin", "brand-new-admin-pw") as c:
        assert c.user.role == "admin"


# -- policies ------------------------------------------------------------------------------------


def test_policy_set_show_and_enforcement(cf: CaseFile) -> None:
    assert policy.get(cf) == policy.Policy()
    policy.set_value(cf, "min_password_length", "10")
    with pytest.raises(ValidationError, match="at least 10") as err:
        cf.add_user("bob", "short-pw", "attorney")
    assert err.value.field == "password"
    policy.set_value(cf, "strong_passwords", "yes")
    for bad in ("password123", "aaaaaaaaaaaa", "bob-is-the-best"):
        with pytest.raises(ValidationError):
            cf.add_user("bob", bad, "attorney")
    cf.add_user("bob", "Tr0mbone-Lantern", "attorney")
    with pytest.raises(ValidationError, match="common"):
        cf.set_password("bob", "qwertyuiop")
    policy.set_value(cf, "autolock_minutes", "5")
    policy.set_value(cf, "backup_keep_days", "90")
    got = policy.get(cf)
    assert (got.autolock_minutes, got.backup_keep_days, got.min_password_length) == (5, 90, 10)
    assert cf.firm().settings["backup"]["keep_days"] == 90
    with pytest.raises(ValidationError, match="Unknown policy"):
        policy.set_value(cf, "colour", "blue")
    with cf.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "firm", AuditEntry.field == "settings")) >= 4


# -- the audit viewer and reports ----------------------------------------------------------------


def test_audit_view_filters(firm: dict[str, Any], cf: CaseFile, as_user: Any) -> None:
    att = as_user("att")
    work.add_note(att, "Spoke to the client", matter_id=firm["matter"])
    page = auditview.query(cf, auditview.AuditFilter(user="att"))
    assert page.lines and {line.user for line in page.lines} == {"att"}
    by_matter = auditview.query(cf, auditview.AuditFilter(matter=firm["number"]), limit=1000)
    assert {"matter", "deadline", "note"} <= {line.entity for line in by_matter.lines}
    only = auditview.query(cf, auditview.AuditFilter(entity="deadline"))
    assert {line.entity for line in only.lines} == {"deadline"}
    future = auditview.query(cf, auditview.AuditFilter(start=date.today() + timedelta(days=2)))
    assert future.total_rows == 0
    first = auditview.query(cf, offset=0, limit=2)
    assert first.has_more and first.total_rows > 2
    data = auditview.to_csv(by_matter.lines)
    assert data.startswith(b"\xef\xbb\xbf") and b"Reply brief" in data


def test_weekly_report_counts_match_sql(firm: dict[str, Any], cf: CaseFile) -> None:
    calendar.create_deadline(cf, title="Past due", due=date(2031, 5, 1), matter_id=firm["matter"])
    rep = reports.weekly(cf, date(2031, 5, 7))  # a Wednesday: week 5–11 May 2031
    assert (rep.start, rep.end) == (date(2031, 5, 5), date(2031, 5, 11))
    with cf.read() as s:
        n = s.scalar(select(func.count(Deadline.id)).where(
            Deadline.status == DeadlineStatus.OPEN.value,
            Deadline.due.between(rep.start, rep.end)))
    assert len(rep.deadlines) == n == 1
    assert rep.deadlines[0].matter_number == firm["number"]
    assert [m.title for m in rep.missed] == ["Past due", "Reply brief"]
    month = reports.monthly(cf, date(2031, 5, 20))
    assert (month.start, month.end) == (date(2031, 5, 1), date(2031, 5, 31))
    assert len(month.deadlines) == 2
