"""A synthetic law firm, by size, for benchmarks and tests.

    python benchmarks/firmgen.py --size large [--out FILE] [--seed 1]

``generate(path, size)`` makes a case file (administrator ``admin``, password ``bench``) full of
seeded, realistic data: Greek and Latin-script people, companies with legal forms, matters with
their parties, hearings and deadlines.  Millions of rows through the ORM would take far too long,
so rows go in with :func:`casedesk.core.audit.bulk_insert` (SQLAlchemy Core executemany) inside
one ``cf.write()`` session: it stamps the synced columns (UUIDv7 id, UTC timestamps, device id,
revision 1), audits each record exactly as the flush hook does (one whole-record ``insert`` row,
chained) and adds contacts and matters to the full-text index.  The audit trail is then topped up
to the size's length with the firm's reading history (op ``access`` rows: a matter or contact
was opened), chained with :func:`casedesk.core.audit.chain_rows` after the device's chain head,
so ``casedesk check`` verifies the whole trail.

Generated files are cached as ``benchmarks/.cache/<size>-v1.casedesk`` (+ ``.keys``, + a
``.json`` with what was generated and how long it took); see :func:`cached`.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import json
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from casedesk.core import audit, crypto, search
from casedesk.core.casefile import CaseFile
from casedesk.core.ids import new_id
from casedesk.core.keyslots import keys_path
from casedesk.core.models import (
    AuditEntry,
    Base,
    Contact,
    Deadline,
    Event,
    Matter,
    MatterParty,
    User,
)
from casedesk.core.storage.migrate import MIGRATIONS

ADMIN = "admin"
PASSWORD = "bench"
FIRM_NAME = "Benchmark & Partners"
FIRM_TZ = "Europe/Athens"
VERSION = "v1"
#: Bumped when the generator makes different data: cached files of another revision are remade.
GENERATOR = 2
CACHE = Path(__file__).resolve().parent / ".cache"
CHUNK = 20_000


@dataclass(frozen=True)
class Size:
    contacts: int
    matters: int
    events: int
    deadlines: int
    parties: int
    #: The audit trail's length: one insert row per record, then access rows up to this.
    min_audit: int


SIZES: dict[str, Size] = {
    "tiny": Size(contacts=200, matters=80, events=400, deadlines=400, parties=400,
                 min_audit=5_000),
    "medium": Size(contacts=5_000, matters=2_000, events=10_000, deadlines=10_000,
                   parties=10_000, min_audit=100_000),
    "large": Size(contacts=50_000, matters=20_000, events=100_000, deadlines=100_000,
                  parties=100_000, min_audit=1_000_000),
}

# (user name, role, display name): users matters and deadlines are assigned to.  They have no
# key slot (they cannot log in); only ``admin`` can.
STAFF = [
    ("eleni", "attorney", "Eleni Papadaki"),
    ("james", "attorney", "James Whitfield"),
    ("dimitris", "attorney", "Dimitris Vlachos"),
    ("katerina", "attorney", "Αικατερίνη Σταύρου"),
    ("maria", "case_manager", "Maria Georgiou"),
    ("sofia", "case_manager", "Sofia Andreou"),
    ("nikos", "assistant", "Nikos Karras"),
]

# -- names ----------------------------------------------------------------------------------------

GREEK_MALE = [
    "Γεώργιος", "Γιώργος", "Νικόλαος", "Νίκος", "Κωνσταντίνος", "Κώστας", "Ιωάννης", "Γιάννης",
    "Δημήτριος", "Δημήτρης", "Παναγιώτης", "Ευάγγελος", "Χρήστος", "Βασίλειος", "Αθανάσιος",
    "Μιχάλης", "Σταύρος", "Θεόδωρος", "Αλέξανδρος", "Σπύρος", "Ανδρέας", "Στέλιος", "Ηλίας",
]  # fmt: skip
GREEK_FEMALE = [
    "Μαρία", "Ελένη", "Αικατερίνη", "Δήμητρα", "Σοφία", "Αναστασία", "Αγγελική", "Ζωή",
    "Φωτεινή", "Ευαγγελία", "Γεωργία", "Βασιλική", "Χριστίνα", "Παναγιώτα", "Ειρήνη", "Θεοδώρα",
    "Κωνσταντίνα", "Ιωάννα", "Δέσποινα", "Αλεξάνδρα",
]  # fmt: skip
#: (male, female) forms of Greek surnames.
GREEK_SURNAMES = [
    ("Παπαδόπουλος", "Παπαδοπούλου"), ("Νικολάου", "Νικολάου"), ("Χατζηδάκης", "Χατζηδάκη"),
    ("Μπακογιάννης", "Μπακογιάννη"), ("Οικονόμου", "Οικονόμου"), ("Γεωργίου", "Γεωργίου"),
    ("Παπαδημητρίου", "Παπαδημητρίου"), ("Αγγελόπουλος", "Αγγελοπούλου"),
    ("Κωνσταντινίδης", "Κωνσταντινίδου"), ("Λαμπράκης", "Λαμπράκη"), ("Βλάχος", "Βλάχου"),
    ("Παππάς", "Παππά"), ("Ιωάννου", "Ιωάννου"), ("Δημητρίου", "Δημητρίου"),
    ("Καραμανλής", "Καραμανλή"), ("Ξενάκης", "Ξενάκη"), ("Θεοδωρόπουλος", "Θεοδωροπούλου"),
    ("Φωτίου", "Φωτίου"), ("Κυριακίδης", "Κυριακίδου"), ("Σταυρόπουλος", "Σταυροπούλου"),
    ("Αλεξανδρής", "Αλεξανδρή"), ("Μαυρογιάννης", "Μαυρογιάννη"), ("Ζαφειρίου", "Ζαφειρίου"),
    ("Ρήγας", "Ρήγα"), ("Μητσοτάκης", "Μητσοτάκη"), ("Τσακαλώτος", "Τσακαλώτου"),
    ("Πετρόπουλος", "Πετροπούλου"), ("Αντωνίου", "Αντωνίου"), ("Μαυρίδης", "Μαυρίδου"),
    ("Καρράς", "Καρρά"), ("Ευαγγέλου", "Ευαγγέλου"), ("Σαββίδης", "Σαββίδου"),
]  # fmt: skip
LATIN_FIRST = [
    "John", "Jane", "Michael", "Sarah", "Peter", "Anna", "Thomas", "Laura", "Paul", "Helen",
    "Hans", "Greta", "Pierre", "Claire", "Marco", "Giulia", "Carlos", "Lucía", "Olaf", "Ingrid",
    "Giorgos", "Yiorgos", "Maria", "Eleni", "Nikos", "Kostas", "Dimitris", "Evangelos", "Chloé",
    "Ahmed", "Olga", "Emily", "Robert", "Sean", "Siobhán", "François", "Jürgen", "Zoë",
]  # fmt: skip
LATIN_LAST = [
    "Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Taylor", "Anderson",
    "Müller", "Schmidt", "Schneider", "Fischer", "Dubois", "Lefèvre", "Rossi", "Russo",
    "García", "Fernández", "O'Brien", "Nielsen", "Papadopoulos", "Papadopoulou", "Nikolaou",
    "Hatzidakis", "Chatzidaki", "Bakoyannis", "Economou", "Oikonomou", "Georgiou", "Pappas",
    "Vlachos", "Konstantinidis", "Stavrou", "Petrova", "Hassan", "Nguyen", "Kim", "Carter",
]  # fmt: skip
COMPANY_WORDS = [
    "Acme", "Alpha", "Beta", "Gamma", "Delta", "Omega", "Global", "Hellas", "Aegean", "Olympus",
    "Atlas", "Nova", "Apex", "Zenith", "Vertex", "Blue", "Green", "Star", "Sun", "Sea", "Trans",
    "Euro", "Ionian", "Athens", "Marine", "Northwind", "Harborview", "Delphi", "Athena",
    "Άλφα", "Βήτα", "Ωμέγα", "Αιγαίο", "Όλυμπος", "Κρήτη", "Ιόνιο", "Ερμής", "Πήγασος",
]  # fmt: skip
COMPANY_TRADES = [
    "Shipping", "Trading", "Holdings", "Foods", "Energy", "Logistics", "Software", "Hotels",
    "Pharmaceuticals", "Construction", "Capital", "Insurance", "Textiles", "Motors",
    "Ναυτιλιακή", "Εμπορική", "Τεχνική", "Τρόφιμα", "Κατασκευαστική", "Ξενοδοχειακή",
]  # fmt: skip
LEGAL_FORMS = [
    "Inc.", "Ltd", "LLC", "Corp.", "PLC", "LLP", "GmbH", "AG", "S.A.", "SARL", "B.V.", "S.p.A.",
    "Α.Ε.", "ΑΕ", "Ε.Π.Ε.", "ΙΚΕ", "Ο.Ε.", "Ε.Ε.", "A.E.", "IKE", "Μονοπρόσωπη Ι.Κ.Ε.",
]  # fmt: skip
LAW_FIRMS = [
    "Δικηγορική Εταιρεία {s}", "{s} & Συνεργάτες", "{s} Law Offices", "{s} & Partners LLP",
    "Law Office of {f} {s}",
]
STREETS_GR = ["Ακαδημίας", "Πανεπιστημίου", "Σταδίου", "Βασ. Σοφίας", "Ερμού", "Τσιμισκή",
              "Εγνατίας", "Κηφισίας", "Λ. Συγγρού", "Αγίου Κωνσταντίνου"]
CITIES_GR = [("106 79", "Αθήνα"), ("546 23", "Θεσσαλονίκη"), ("185 36", "Πειραιάς"),
             ("262 21", "Πάτρα"), ("712 02", "Ηράκλειο"), ("151 24", "Μαρούσι")]
STREETS_EN = ["High Street", "Station Road", "Church Lane", "Main Street", "Park Avenue",
              "Queen's Road", "Market Square"]
CITIES_EN = ["London EC1A 1BB", "Manchester M1 2AB", "Dublin D02 X285", "Nicosia 1065",
             "Limassol 3036", "Frankfurt 60311", "Milano 20121"]
COURTS = [
    "Πρωτοδικείο Αθηνών", "Πρωτοδικείο Πειραιώς", "Πρωτοδικείο Θεσσαλονίκης", "Εφετείο Αθηνών",
    "Εφετείο Θεσσαλονίκης", "Άρειος Πάγος", "Ειρηνοδικείο Αθηνών", "Διοικητικό Πρωτοδικείο Αθηνών",
    "Συμβούλιο της Επικρατείας", "High Court of Justice (London)",
]  # fmt: skip
JUDGES = ["Κ. Παπαδάκη", "Ν. Αντωνίου", "Ε. Σταυροπούλου", "Γ. Ξενάκης", "Μ. Ρήγα",
          "Hon. R. Clarke", "Δ. Καρράς"]
AREAS = ["litigation", "family", "employment", "real_estate", "commercial", "criminal",
         "immigration", "personal_injury", "estates", "corporate", "other"]
AREA_TITLES = {
    "litigation": "Αγωγή αποζημίωσης", "family": "Διαζύγιο και επιμέλεια",
    "employment": "Wrongful dismissal", "real_estate": "Μίσθωση ακινήτου",
    "commercial": "Breach of supply contract", "criminal": "Υπεράσπιση",
    "immigration": "Residence permit", "personal_injury": "Τροχαίο ατύχημα",
    "estates": "Κληρονομία", "corporate": "Share purchase agreement", "other": "Γνωμοδότηση",
}
STATUSES = ["open"] * 11 + ["pending"] * 2 + ["closed"] * 5 + ["archived", "intake"]
EVENT_KINDS = ["hearing", "hearing", "hearing", "deposition", "meeting", "meeting", "filing",
               "other"]
EVENT_TITLES = {"hearing": "Συζήτηση", "deposition": "Εξέταση μάρτυρα", "meeting": "Meeting",
                "filing": "Κατάθεση δικογράφου", "other": "Προθεσμία ενημέρωσης"}
DEADLINE_RULES = [
    ("ΚΠολΔ 237 παρ. 1", "gr-civil", "gr_237_1_submissions", "filing"),
    ("ΚΠολΔ 237 παρ. 2", "gr-civil", "gr_237_2_addendum", "filing"),
    ("ΚΠολΔ 518 παρ. 1", "gr-civil", "gr_518_appeal", "service"),
    ("ΚΠολΔ 564 παρ. 1", "gr-civil", "gr_564_cassation", "service"),
    ("FRCP 12(a)(1)(A)(i)", "frcp", "frcp_12_answer", "service"),
]
DEADLINE_TITLES = ["Προτάσεις", "Προσθήκη-αντίκρουση", "Έφεση", "Αναίρεση", "Answer due",
                   "Υπόμνημα", "Επίδοση αγωγής", "Disclosure"]
PARTY_ROLES = ["opposing_party", "opposing_counsel", "witness", "expert", "co_counsel", "other"]

_TRANSLIT = str.maketrans({
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
})  # fmt: skip


def _ascii(text: str) -> str:
    """A lower-case ASCII slug of a name, for e-mail addresses."""
    folded = search.fold(text).translate(_TRANSLIT)
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


class Names:
    """Seeded realistic names, e-mails, phones and addresses."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self) -> tuple[str, str, str]:
        """(full name, first name, surname)."""
        r = self.rng
        if r.random() < 0.55:
            male = r.random() < 0.5
            first = r.choice(GREEK_MALE if male else GREEK_FEMALE)
            last = r.choice(GREEK_SURNAMES)[0 if male else 1]
        else:
            first, last = r.choice(LATIN_FIRST), r.choice(LATIN_LAST)
        return f"{first} {last}", first, last

    def company(self) -> str:
        r = self.rng
        words = r.choice(COMPANY_WORDS)
        if r.random() < 0.6:
            words += " " + r.choice(COMPANY_TRADES)
        return f"{words} {r.choice(LEGAL_FORMS)}"

    def law_firm(self) -> str:
        _, first, last = self.person()
        return self.rng.choice(LAW_FIRMS).format(s=last, f=first)

    def email(self, first: str, last: str, org: bool) -> str:
        r = self.rng
        dom = r.choice(["gmail.com", "yahoo.gr", "otenet.gr", "outlook.com", "mail.com"])
        if org:
            slug = _ascii(first)[:20] or "office"
            box = r.choice(["info", "office", "legal", "contact"])
            return f"{box}@{slug}.{r.choice(['gr', 'com', 'eu'])}"
        return f"{_ascii(first)[:12]}.{_ascii(last)[:16]}{r.randint(1, 99)}@{dom}"

    def phone(self) -> str:
        r = self.rng
        if r.random() < 0.7:
            prefix = r.choice(["69", "21", "23"])
            return f"+30 {prefix}{r.randint(0, 9)} {r.randint(100, 999)} {r.randint(1000, 9999)}"
        return f"+44 20 {r.randint(1000, 9999)} {r.randint(1000, 9999)}"

    def address(self) -> str:
        r = self.rng
        if r.random() < 0.75:
            postcode, city = r.choice(CITIES_GR)
            return f"{r.choice(STREETS_GR)} {r.randint(1, 180)}, {postcode} {city}"
        return f"{r.randint(1, 250)} {r.choice(STREETS_EN)}, {r.choice(CITIES_EN)}"

    def contact(self) -> dict[str, Any]:
        """name, kind, emails, phones, addresses (and language/salutation for people)."""
        r = self.rng
        org = r.random() < 0.35
        if org:
            name = self.law_firm() if r.random() < 0.15 else self.company()
            first, last = name, ""
        else:
            name, first, last = self.person()
        greek = any("\u0370" <= ch <= "\u03ff" for ch in name)
        return {
            "kind": "organisation" if org else "person",
            "name": name,
            "emails": [self.email(first, last, org)] if r.random() < 0.85 else [],
            "phones": [self.phone() for _ in range(r.choice([0, 1, 1, 1, 2]))],
            "addresses": [self.address()] if r.random() < 0.7 else [],
            "salutation": None if org or r.random() < 0.5 else ("Αξιότιμε/η" if greek else "Dear"),
            "language": "el" if greek else "en",
        }


# -- generation -----------------------------------------------------------------------------------


def _log(msg: str) -> None:
    print(f"[firmgen] {msg}", file=sys.stderr, flush=True)


def _access_history(conn: Connection, cf: CaseFile, n: int, matters: Sequence[dict[str, Any]],
                    contacts: Sequence[dict[str, Any]], rng: random.Random, now: datetime
                    ) -> None:
    """``n`` audit rows of the firm's reading history (op ``access``: a matter or a contact was
    opened, as :func:`casedesk.core.audit.record_event` writes them), chained after the head."""
    users = [ADMIN] + [u for u, _, _ in STAFF]
    start = now - timedelta(days=365)
    step = timedelta(days=365) / max(1, n)
    seq, head = audit.chain_head(conn, cf.device_id)
    for lo in range(0, n, CHUNK):
        rows = []
        for i in range(lo, min(n, lo + CHUNK)):
            if rng.random() < 0.7:
                entity, target, note = "matter", rng.choice(matters), "matter opened"
            else:
                entity, target, note = "contact", rng.choice(contacts), "contact opened"
            rows.append({
                "id": new_id(), "ts": (start + step * i).isoformat(timespec="microseconds"),
                "user": rng.choice(users), "entity": entity, "entity_id": target["id"],
                "op": "access", "field": None, "old": None, "new": note,
            })
        audit.chain_rows(rows, cf.device_id, seq, head)
        audit.insert_rows(conn, rows)
        seq, head = rows[-1]["seq"], rows[-1]["hash"]


def _count(conn: Connection, model: type[Base]) -> int:
    return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


def generate(path: Path, size: str, *, seed: int = 1, kdf: crypto.KdfParams | None = None
             ) -> dict[str, Any]:
    """Make a case file of a synthetic firm at ``path``; returns what was generated (counts per
    table, seconds per phase).  ``kdf=None`` uses ``crypto.DEFAULT_KDF`` (the production cost,
    unless a test replaced it)."""
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r} (sizes: {', '.join(SIZES)})")
    spec = SIZES[size]
    rng = random.Random(seed)
    names = Names(rng)
    path = Path(path)
    t0 = time.perf_counter()
    phases: dict[str, float] = {}

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        phases[name] = round(now - since, 3)
        _log(f"{name}: {now - since:.1f} s")
        return now

    cf, _recovery = CaseFile.create(path, firm_name=FIRM_NAME, admin=ADMIN, password=PASSWORD,
                                    timezone=FIRM_TZ, kdf=kdf)
    try:
        with cf.write() as s:  # a handful of rows: the ORM (and its hooks) is fine here
            for username, role, display in STAFF:
                s.add(User(username=username, role=role, display_name=display,
                           email=f"{username}@benchmark-partners.gr"))
        with cf.read() as s:
            staff = dict(s.execute(select(User.username, User.id)).all())
        attorneys = [staff[u] for u, r, _ in STAFF if r == "attorney"]
        managers = [staff[u] for u, r, _ in STAFF if r == "case_manager"]
        t = lap("create", t0)

        now = datetime.now(UTC)
        tz = ZoneInfo(FIRM_TZ)
        today = now.date()
        with cf.write() as s:
            conn = s.connection()
            conn.exec_driver_sql("PRAGMA cache_size = -262144")  # 256 MiB while generating

            # -- contacts: the first 40 % are clients --------------------------------------
            n_clients = max(1, spec.contacts * 2 // 5)
            contacts = []
            for i in range(spec.contacts):
                values = names.contact()
                values["is_client"] = i < n_clients
                if rng.random() < 0.1:
                    values["notes"] = rng.choice(["Προτιμά επικοινωνία με e-mail.",
                                                  "Referred by an existing client.",
                                                  "Εκκρεμεί προσκόμιση εξουσιοδότησης.",
                                                  "Speaks Greek and German."])
                contacts.append(values)
            audit.bulk_insert(s, Contact, contacts)  # fills in each row's id
            clients = contacts[:n_clients]
            others = contacts[n_clients:] or contacts
            t = lap(f"{len(contacts)} contacts", t)

            # -- matters ----------------------------------------------------------------------
            matters = []
            per_year: dict[int, int] = {}
            for _ in range(spec.matters):
                client = rng.choice(clients)
                area = rng.choice(AREAS)
                status = rng.choice(STATUSES)
                opened = today - timedelta(days=rng.randint(0, 8 * 365))
                year = opened.year
                per_year[year] = per_year.get(year, 0) + 1
                opponent = rng.choice(others)["name"]
                litigation = rng.random() < 0.7
                court = rng.choice(COURTS) if litigation else None
                surname = (client["name"].split()[-1] if client["kind"] == "person"
                           else client["name"])
                title = (f"{surname} v. {opponent}" if litigation
                         else f"{surname} – {AREA_TITLES[area]}")
                matters.append({
                    "number": f"{year}/{per_year[year]:05d}", "title": title[:500],
                    "client_id": client["id"], "practice_area": area, "status": status,
                    "intake_on": opened - timedelta(days=rng.randint(0, 30)),
                    "opened_on": None if status == "intake" else opened,
                    "pending_on": opened + timedelta(days=200) if status == "pending" else None,
                    "closed_on": (opened + timedelta(days=rng.randint(30, 900))
                                  if status in ("closed", "archived") else None),
                    "archived_on": (opened + timedelta(days=1000) if status == "archived"
                                    else None),
                    "court": court,
                    "case_number": (f"ΓΑΚ {rng.randint(1000, 99999)}/{year}" if litigation
                                    else None),
                    "judge": rng.choice(JUDGES) if litigation and rng.random() < 0.4 else None,
                    "responsible_id": rng.choice(attorneys),
                    "case_manager_id": rng.choice(managers),
                    "description": (f"{AREA_TITLES[area]}. Αντίδικος: {opponent}."
                                    if rng.random() < 0.5 else None),
                })
            audit.bulk_insert(s, Matter, matters)
            t = lap(f"{len(matters)} matters", t)

            # -- parties: the client, then distinct others ---------------------------------
            parties = []
            per_matter = max(1, spec.parties // max(1, spec.matters))
            for m in matters:
                parties.append({"matter_id": m["id"], "contact_id": m["client_id"],
                                "role": "client", "notes": None})
                seen = {m["client_id"]}
                for j in range(per_matter - 1):
                    other = rng.choice(others)
                    if other["id"] in seen:
                        continue
                    seen.add(other["id"])
                    parties.append({
                        "matter_id": m["id"], "contact_id": other["id"],
                        "role": PARTY_ROLES[j] if j < 2 else rng.choice(PARTY_ROLES),
                        "notes": ("Κοινοποίηση μέσω δικαστικού επιμελητή"
                                  if rng.random() < 0.05 else None),
                    })
            audit.bulk_insert(s, MatterParty, parties)
            t = lap(f"{len(parties)} matter parties", t)

            # -- events -----------------------------------------------------------------------
            events = []
            for _ in range(spec.events):
                m = rng.choice(matters)
                kind = rng.choice(EVENT_KINDS)
                day = today + timedelta(days=rng.randint(-3 * 365, 365))
                all_day = kind == "filing" or rng.random() < 0.05
                local = datetime(day.year, day.month, day.day,
                                 0 if all_day else rng.randint(8, 17),
                                 0 if all_day else rng.choice([0, 15, 30, 45]), tzinfo=tz)
                starts = local.astimezone(UTC)
                events.append({
                    "matter_id": m["id"], "kind": kind,
                    "title": f"{EVENT_TITLES[kind]}: {m['title']}"[:500],
                    "starts_at": starts,
                    "ends_at": (None if all_day
                                else starts + timedelta(minutes=rng.choice([30, 60, 120]))),
                    "timezone": FIRM_TZ, "all_day": all_day,
                    "location": m["court"] if kind == "hearing" else (
                        "Γραφείο, αίθουσα 2" if kind == "meeting" else None),
                    "notes": "Να προσκομιστούν τα πρωτότυπα." if rng.random() < 0.15 else None,
                })
            audit.bulk_insert(s, Event, events)
            t = lap(f"{len(events)} events", t)

            # -- deadlines --------------------------------------------------------------------
            deadlines = []
            for _ in range(spec.deadlines):
                m = rng.choice(matters)
                due = today + timedelta(days=rng.randint(-3 * 365, 365))
                rule = rng.choice(DEADLINE_RULES) if rng.random() < 0.6 else None
                trigger_date = due - timedelta(days=rng.choice([15, 30, 60, 100]))
                done = due < today and rng.random() < 0.9
                deadlines.append({
                    "matter_id": m["id"], "title": rng.choice(DEADLINE_TITLES), "due": due,
                    "rule": rule[0] if rule else None, "rule_set": rule[1] if rule else None,
                    "rule_key": rule[2] if rule else None, "trigger": rule[3] if rule else None,
                    "trigger_date": trigger_date if rule else None,
                    "computed_due": due if rule else None,
                    "explanation": (f"{rule[0]}: από {trigger_date.isoformat()}" if rule
                                    else None),
                    "reminders_days": [7, 1], "status": "done" if done else "open",
                    "completed_at": (datetime.combine(due, datetime.min.time(), UTC)
                                     if done else None),
                    "completed_by": rng.choice(["maria", "sofia"]) if done else None,
                    "assignee_id": rng.choice(attorneys + managers), "notes": None,
                })
            audit.bulk_insert(s, Deadline, deadlines)
            t = lap(f"{len(deadlines)} deadlines", t)

            # -- the reading history, up to the size's audit length -------------------------
            n_access = max(0, spec.min_audit - _count(conn, AuditEntry))
            _access_history(conn, cf, n_access, matters, contacts, rng, now)
            t = lap(f"{n_access} access audit rows", t)
        t = lap("commit", t)
        with cf.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
            counts = {name: _count(conn, model)
                      for name, model in (("contacts", Contact), ("matters", Matter),
                                          ("matter_parties", MatterParty), ("events", Event),
                                          ("deadlines", Deadline), ("audit", AuditEntry),
                                          ("users", User))}
        lap("checkpoint + analyze", t)
    finally:
        cf.close()
    seconds = round(time.perf_counter() - t0, 3)
    if counts["audit"] < spec.min_audit:
        _log(f"warning: only {counts['audit']} audit rows (wanted ≥ {spec.min_audit})")
    _log(f"{size} firm generated in {seconds:.1f} s: {counts}")
    return {"path": str(path), "size": size, "seed": seed, "version": VERSION,
            "counts": counts, "spec": asdict(spec), "seconds": seconds, "phases": phases,
            "generated": datetime.now(UTC).isoformat(timespec="seconds"),
            "kdf": (kdf or crypto.DEFAULT_KDF).to_dict()}


# -- the cache ------------------------------------------------------------------------------------


def _remove(path: Path) -> None:
    for p in (path, keys_path(path), Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def schema_fingerprint() -> str:
    """A digest of the migration scripts: a cached file made under other migrations (even ones
    edited in place, keeping their revision id) is stale and made again."""
    digest = hashlib.sha256()
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        digest.update(script.name.encode() + b"\0" + script.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _locked(stem: str) -> Iterator[None]:
    """One process makes a cached file while the others (other benchmarks) wait for it."""
    with open(CACHE / f"{stem}.lock", "w") as fh:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _cached(stem: str, make: Callable[[Path], dict[str, Any]]) -> tuple[Path, dict[str, Any]]:
    CACHE.mkdir(parents=True, exist_ok=True)
    with _locked(stem):
        return _cached_locked(stem, make)


def _cached_locked(stem: str, make: Callable[[Path], dict[str, Any]]
                   ) -> tuple[Path, dict[str, Any]]:
    path = CACHE / f"{stem}.casedesk"
    info_path = CACHE / f"{stem}.json"
    schema = schema_fingerprint()
    if path.exists() and keys_path(path).exists() and info_path.exists():
        info = json.loads(info_path.read_text(encoding="utf-8"))
        if info.get("schema") == schema and info.get("generator") == GENERATOR:
            return path, info
        _log(f"{path.name} was made under other migrations or by another generator: "
             "making it again")
    tmp = CACHE / f"{stem}.tmp.casedesk"
    _remove(tmp)
    _remove(path)
    info = make(tmp)
    tmp.replace(path)
    keys_path(tmp).replace(keys_path(path))
    info.update(path=str(path), schema=schema, generator=GENERATOR)
    info_path.write_text(json.dumps(info, indent=2, ensure_ascii=False), encoding="utf-8")
    return path, info


def cached(size: str, *, seed: int = 1) -> tuple[Path, dict[str, Any]]:
    """The cached case file of ``size`` (generated with the production KDF on first use) and
    what :func:`generate` reported when it made it."""
    stem = f"{size}-{VERSION}" if seed == 1 else f"{size}-{VERSION}-s{seed}"
    if not (CACHE / f"{stem}.casedesk").exists():
        _log(f"generating {stem}.casedesk (cached for later runs)")
    return _cached(stem, lambda tmp: generate(tmp, size, seed=seed, kdf=crypto.DEFAULT_KDF))


def empty_firm() -> Path:
    """A cached empty case file (production KDF) to copy before each import benchmark."""

    def make(tmp: Path) -> dict[str, Any]:
        cf, _ = CaseFile.create(tmp, firm_name=FIRM_NAME, admin=ADMIN, password=PASSWORD,
                                timezone=FIRM_TZ, kdf=crypto.DEFAULT_KDF)
        cf.close()
        return {"size": "empty", "generated": datetime.now(UTC).isoformat(timespec="seconds")}

    return _cached(f"empty-{VERSION}", make)[0]


def contacts_csv(path: Path, n: int, *, seed: int = 2) -> Path:
    """A CSV of ``n`` contacts (columns id,kind,name,email,phone,address), as a firm exports it
    from its old system; ``email``/``phone`` hold several values separated by ';'."""
    names = Names(random.Random(seed))
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "kind", "name", "email", "phone", "address"])
        for i in range(n):
            c = names.contact()
            out.writerow([f"C{i + 1:06d}", c["kind"], c["name"], ";".join(c["emails"]),
                          ";".join(c["phones"]), ";".join(c["addresses"])])
    return path


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", choices=list(SIZES), default="tiny")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="write here instead of to the cache")
    args = ap.parse_args(argv)
    if args.out:
        info = generate(args.out, args.size, seed=args.seed)
    else:
        _, info = cached(args.size, seed=args.seed)
    print(json.dumps(info, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
