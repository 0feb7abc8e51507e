"""A realistic, fictitious firm for demonstrations, screenshots and manual testing.

Everything is invented.  Dates are relative to today, so the calendar always has hearings and
deadlines in the coming 90 days (and a few overdue ones).
"""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from casedesk.core import crypto
from casedesk.core.casefile import CaseFile
from casedesk.core.models import (
    Blob,
    Contact,
    Correspondence,
    Deadline,
    Document,
    DocumentVersion,
    Event,
    EventAttendee,
    Matter,
    MatterParty,
    Note,
    Task,
    User,
)

FIRM = "Papadakis, Whitfield & Partners"
FIRM_TZ = "Europe/Athens"
PASSWORD = "demo"
#: (user name, role, full name)
DEMO_USERS = [
    ("admin", "admin", "Office Administrator"),
    ("eleni", "attorney", "Eleni Papadaki"),
    ("james", "attorney", "James Whitfield"),
    ("dimitris", "attorney", "Dimitris Vlachos"),
    ("maria", "case_manager", "Maria Georgiou"),
    ("sofia", "case_manager", "Sofia Andreou"),
    ("nikos", "assistant", "Nikos Karras"),
]
#: The user ``make demo`` logs in as.
DEMO_CASE_MANAGER = "maria"

PEOPLE = [
    "Maria Papadopoulou", "Γιώργος Νικολάου", "Ελένη Κωνσταντίνου", "Dimitrios Alexiou",
    "Αικατερίνη Μπακογιάννη", "John Carter", "Sarah O'Connell", "Κωνσταντίνος Χατζηδάκης",
    "Anna Schmidt", "Ιωάννης Παππάς", "Laura Mitchell", "Σοφία Δημητρίου", "Michael Brennan",
    "Παναγιώτης Ευαγγέλου", "Chloé Martin", "Vasiliki Stavrou", "Robert Kim", "Θεοδώρα Λαμπράκη",
    "Ahmed Hassan", "Emily Nguyen", "Στέλιος Μαυρίδης", "Olga Petrova",
]
COMPANIES = [
    "Aegean Shipping S.A.", "Ολυμπος Τεχνική Α.Ε.", "Harborview Logistics LLC",
    "Κρήτη Τρόφιμα Ε.Π.Ε.", "Northwind Traders Inc.", "Delphi Software Ltd",
    "Athena Pharmaceuticals GmbH", "Ionian Hotels S.A.", "Brightwater Capital LLP",
    "Μακεδονική Ενέργεια Ι.Κ.Ε.",
]
OPPONENTS = [
    "Atlas Insurance Company", "Poseidon Maritime Ltd", "Γεώργιος Σταματίου", "Metro Bank plc",
    "Hellenic Railways S.A.", "Kevin Doyle", "Παρασκευή Ζαχαρίου", "Summit Realty Corp.",
    "Νικόλαος Παπαδόπουλος", "Crestline Builders Inc.", "Zeta Foods GmbH", "Linda Foster",
]
COUNSEL = [
    ("Kyriakou & Associates", "Ανδρέας Κυριακού"), ("Baker Lane LLP", "Thomas Baker"),
    ("Σπυρόπουλος Δικηγορική Εταιρεία", "Ευάγγελος Σπυρόπουλος"),
    ("Hale & Morrow", "Rebecca Hale"), ("Λεβέντης και Συνεργάτες", "Μαρίνα Λεβέντη"),
]
COURTS = [
    "Athens Court of First Instance (Πολυμελές Πρωτοδικείο Αθηνών)",
    "Piraeus Single-Member Court of First Instance", "Thessaloniki Court of Appeal",
    "U.S. District Court for the Southern District of New York",
    "U.S. District Court for the District of New Jersey", "Supreme Court of New York County",
]
JUDGES = ["Hon. A. Makris", "Hon. P. Lianou", "Hon. Sarah Feld", "Hon. David Ortiz", None]
MATTER_TITLES = {
    "litigation": ["Breach of supply contract", "Unpaid invoices claim", "Defamation action"],
    "family": ["Divorce and custody", "Child support modification", "Prenuptial agreement"],
    "employment": ["Wrongful dismissal", "Unpaid overtime claim", "Non-compete dispute"],
    "real_estate": ["Lease termination dispute", "Purchase of commercial property",
                    "Boundary dispute"],
    "commercial": ["Distribution agreement review", "Shareholder dispute", "Franchise terms"],
    "criminal": ["Defence: fraud charges", "Defence: traffic offence appeal"],
    "immigration": ["Work permit application", "Family reunification visa"],
    "personal_injury": ["Road accident compensation", "Workplace injury claim",
                        "Medical negligence claim"],
    "estates": ["Administration of estate", "Will contest"],
    "corporate": ["Company formation", "Merger due diligence", "Share purchase agreement"],
    "other": ["Regulatory inquiry response"],
}
STATUSES = ["open"] * 6 + ["pending"] * 2 + ["intake", "closed", "archived"]
HEARINGS = ["Hearing on the merits", "Preliminary hearing", "Case management conference",
            "Motion hearing", "Settlement conference"]
DEADLINES = [("Answer to the complaint due", "FRCP 12(a)(1)(A)(i)"),
             ("File written pleadings (προτάσεις)", "ΚΠολΔ 237(1)"),
             ("Responses to interrogatories due", "FRCP 33(b)(2)"),
             ("Expert disclosures", "FRCP 26(a)(2)(D)(i)"), ("Appeal deadline", "ΚΠολΔ 518"),
             ("Submit evidence list", None), ("Reply brief due", None),
             ("Pre-trial disclosures", "FRCP 26(a)(3)(B)")]


def _email(name: str, rng: random.Random) -> str | None:
    ascii_name = "".join(ch for ch in name.lower() if ch.isascii() and (ch.isalnum() or ch == " "))
    parts = ascii_name.split()
    if not parts:
        return None
    return f"{'.'.join(parts[:2])}@{rng.choice(['example.com', 'example.gr', 'mail.example'])}"


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"+30 21{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    return f"+1 212 555 {rng.randint(1000, 9999)}"


def _address(rng: random.Random) -> str:
    return rng.choice([
        f"{rng.randint(1, 120)} Vasilissis Sofias Ave, 106 74 Athens, Greece",
        f"Ερμού {rng.randint(1, 90)}, 105 63 Αθήνα",
        f"{rng.randint(10, 900)} Madison Avenue, New York, NY 10022, USA",
        f"Τσιμισκή {rng.randint(1, 140)}, 546 22 Θεσσαλονίκη",
        f"{rng.randint(1, 60)} Akti Miaouli, 185 38 Piraeus, Greece",
    ])


def _at(day: date, hour: int, minute: int, tz: str) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(tz)).astimezone(UTC)


def _workday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def build_demo(path: Path, *, kdf: crypto.KdfParams | None = None,
               seed: int = 20261128, today: date | None = None) -> dict[str, Any]:
    """Create the demo firm at ``path``; returns counts for the summary line."""
    rng = random.Random(seed)
    today = today or date.today()
    cf, _recovery = CaseFile.create(Path(path), firm_name=FIRM, admin="admin", password=PASSWORD,
                                    timezone=FIRM_TZ, kdf=kdf,
                                    admin_display_name="Office Administrator")
    try:
        for username, role, full in DEMO_USERS[1:]:
            cf.add_user(username, PASSWORD, role, display_name=full,
                        email=f"{username}@pwpartners.example", kdf=kdf)
        return _fill(cf, rng, today)
    finally:
        cf.close()


def _fill(cf: CaseFile, rng: random.Random, today: date) -> dict[str, Any]:
    counts = {"firm": FIRM, "clients": 0, "matters": 0, "events": 0, "deadlines": 0}
    with cf.write() as s:
        users = {u.username: u for u in s.query(User)}
        attorneys = [users[n] for n in ("eleni", "james", "dimitris")]
        managers = [users["maria"], users["sofia"]]
        clients: list[Contact] = []
        for name in PEOPLE + COMPANIES:
            company = name in COMPANIES
            email = _email(name, rng)
            c = Contact(
                kind="organisation" if company else "person", name=name, is_client=True,
                emails=[email] if email else [], phones=[_phone(rng)],
                addresses=[_address(rng)],
                language="el" if any("\u0370" <= ch <= "\u03ff" for ch in name) else "en",
                salutation=None if company else f"Dear {name.split()[0]}",
            )
            s.add(c)
            clients.append(c)
        opponents = [Contact(kind="organisation" if any(w in n for w in ("S.A.", "Ltd", "Corp",
                                                                      "Inc", "GmbH", "plc",
                                                                      "Company")) else "person",
                             name=n) for n in OPPONENTS]
        counsel = [Contact(kind="person", name=f"{lawyer} ({firm})", emails=[
            _email(lawyer, rng) or "counsel@example.com"]) for firm, lawyer in COUNSEL]
        witnesses = [Contact(kind="person", name=n) for n in
                     ("Petros Ioannou", "Χριστίνα Αλεξίου", "Mark Sullivan", "Dr. Irene Vamvaka")]
        for c in opponents + counsel + witnesses:
            s.add(c)
        s.flush()
        counts["clients"] = len(clients)

        areas = list(MATTER_TITLES)
        matters: list[Matter] = []
        for i in range(46):
            area = areas[i % len(areas)]
            client = clients[i % len(clients)] if i < len(clients) else rng.choice(clients)
            status = STATUSES[i % len(STATUSES)]
            year = today.year - (1 if status in ("closed", "archived") else 0)
            opened = today - timedelta(days=rng.randint(20, 400))
            litigated = area in ("litigation", "employment", "personal_injury", "family",
                                 "criminal", "real_estate")
            m = Matter(
                number=f"{year}-{i + 1:04d}", title=f"{client.name}: "
                f"{rng.choice(MATTER_TITLES[area])}", client_id=client.id, practice_area=area,
                status=status, opened_on=opened if status != "intake" else None,
                intake_on=opened - timedelta(days=3),
                closed_on=today - timedelta(days=rng.randint(5, 90))
                if status in ("closed", "archived") else None,
                court=rng.choice(COURTS) if litigated else None,
                case_number=f"{rng.randint(1000, 9999)}/{year}" if litigated else None,
                judge=rng.choice(JUDGES) if litigated else None,
                responsible_id=attorneys[i % 3].id, case_manager_id=managers[i % 2].id,
                description="Fictitious matter created for the casedesk demonstration.",
            )
            s.add(m)
            matters.append(m)
        s.flush()
        counts["matters"] = len(matters)
        for i, m in enumerate(matters):
            if m.court:
                s.add(MatterParty(matter_id=m.id, contact_id=opponents[i % len(opponents)].id,
                                  role="opposing_party"))
                s.add(MatterParty(matter_id=m.id, contact_id=counsel[i % len(counsel)].id,
                                  role="opposing_counsel"))
                if i % 4 == 0:
                    s.add(MatterParty(matter_id=m.id, contact_id=witnesses[i % 4].id,
                                      role="witness"))

        live = [m for m in matters if m.status in ("open", "pending", "intake")]
        for i, m in enumerate(live):
            # hearings and meetings over the next 90 days
            for j in range(rng.randint(1, 3)):
                day = _workday(today + timedelta(days=rng.randint(1, 90)))
                kind = rng.choice(["hearing", "hearing", "deposition", "meeting", "filing"])
                tz = "America/New_York" if m.court and "U.S." in m.court else FIRM_TZ
                start = _at(day, rng.choice([9, 10, 11, 12, 14, 15]), rng.choice([0, 30]), tz)
                title = {"hearing": rng.choice(HEARINGS), "deposition": "Deposition of witness",
                         "meeting": "Client meeting", "filing": "File motion with the court"}[kind]
                ev = Event(matter_id=m.id, kind=kind, title=f"{title} — {m.number}",
                           starts_at=start, ends_at=start + timedelta(hours=1 + (j % 2)),
                           timezone=tz, location=m.court if kind == "hearing" else
                           rng.choice(["Meeting room A", "Meeting room B", "Client's office"]))
                ev.attendees.append(EventAttendee(user_id=m.responsible_id))
                if kind in ("meeting", "deposition"):
                    ev.attendees.append(EventAttendee(user_id=m.case_manager_id))
                s.add(ev)
                counts["events"] += 1
            for _ in range(rng.randint(1, 3)):
                title, rule = rng.choice(DEADLINES)
                offset = rng.randint(-6, 90) if i % 5 == 0 else rng.randint(1, 90)
                due = _workday(today + timedelta(days=offset))
                done = offset < 0 and rng.random() < 0.4
                s.add(Deadline(matter_id=m.id, title=title, due=due, rule=rule,
                               reminders_days=[7, 1], status="done" if done else "open",
                               completed_at=datetime.now(UTC) if done else None,
                               completed_by="maria" if done else None,
                               assignee_id=m.case_manager_id))
                counts["deadlines"] += 1
            s.add(Task(matter_id=m.id, title="Collect documents from the client",
                       assignee_id=m.case_manager_id,
                       due=today + timedelta(days=rng.randint(-3, 20))))
            if i % 3 == 0:
                s.add(Note(matter_id=m.id, author="maria",
                           body="Client prefers to be called in the afternoon."))
        # one colleague's deposition and another's hearing at the same hour: a double booking
        if len(live) >= 2:
            day = _workday(today + timedelta(days=7))
            for m in live[:2]:
                start = _at(day, 10, 0, FIRM_TZ)
                ev = Event(matter_id=m.id, kind="deposition", title=f"Deposition — {m.number}",
                           starts_at=start, ends_at=start + timedelta(hours=2), timezone=FIRM_TZ,
                           location="Meeting room A")
                ev.attendees.append(EventAttendee(user_id=users["eleni"].id))
                s.add(ev)
                counts["events"] += 1

        for i, m in enumerate(matters[:30]):
            client = s.get(Contact, m.client_id)
            assert client is not None
            when = datetime.now(UTC) - timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 9))
            s.add(Correspondence(
                matter_id=m.id, direction="incoming" if i % 2 else "outgoing",
                channel=["email", "letter", "phone", "meeting"][i % 4], occurred_at=when,
                counterpart=client.name, contact_id=client.id,
                subject=f"Re: {m.title}"[:200],
                body=("Thank you for the update on the case. Please find attached the "
                      "documents you asked for; let me know if anything else is needed."
                      if i % 2 else
                      "We write to confirm the next steps agreed in our meeting and the "
                      "documents we need from you before the hearing."),
            ))
        for m in matters[:8]:
            content = (f"MEMORANDUM\n\nMatter: {m.number} — {m.title}\n\n"
                       "Summary of the facts as related by the client at intake.\n").encode()
            digest = hashlib.sha256(content).hexdigest()
            if s.get(Blob, digest) is None:
                s.add(Blob(sha256=digest, size=len(content), data=content))
            doc = Document(matter_id=m.id, title="Intake memorandum", category="memorandum",
                           doc_date=today - timedelta(days=10), author="maria",
                           tags=["intake"])
            doc.versions.append(DocumentVersion(version=1, filename="intake-memo.txt",
                                                sha256=digest, size=len(content),
                                                mime="text/plain", added_by="maria"))
            s.add(doc)
    return counts
