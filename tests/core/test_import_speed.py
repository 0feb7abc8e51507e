"""The fast paths of a large import give what the plain paths give: audit rows in the ORM's
form, the same hash chain, ids like ``new_id``'s, the same folded search text, and a CSV import
that re-imports as unchanged and refuses bad rows without writing anything."""

from __future__ import annotations

import gc
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casedesk.core import audit, ids, interchange, perf, search
from casedesk.core.casefile import CaseFile
from casedesk.core.check import check
from casedesk.core.errors import ImportDataError
from casedesk.core.ids import new_id
from casedesk.core.models import AuditEntry, Contact
from casedesk.core.services import contacts

UUID7 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def _insert_audit(cf: CaseFile, contact_id: str) -> str:
    """The contact's insert record, its personal values decrypted (they are sealed under the
    contact's key, with a fresh nonce each: see casedesk.core.personal)."""
    from casedesk.core import personal

    with cf.read() as s:
        new = s.scalar(select(AuditEntry.new).where(AuditEntry.entity_id == contact_id,
                                                    AuditEntry.op == "insert"))
        assert new is not None and personal.PREFIX in new
        opened = personal.open_record(personal.Keyring(s), "contact", contact_id, new)
    assert opened is not None
    return opened


def test_bulk_audit_record_is_the_orm_record(cf: CaseFile) -> None:
    values = {"name": 'Zoë "Q" \\ Παπαδοπούλου', "is_client": True, "kind": "person",
              "emails": ["z@example.org", "ζ@example.gr"], "phones": [],
              "addresses": ["Ερμού 1\nΑθήνα"], "notes": "Prefers\tmornings"}
    orm = contacts.create(cf, **values)
    with cf.write() as s:
        [bulk_id] = audit.bulk_insert(s, Contact, [dict(values)])
    assert _insert_audit(cf, bulk_id) == _insert_audit(cf, orm.id)
    assert _insert_audit(cf, bulk_id) == audit.record_json(
        {k: v for k, v in values.items() if k != "phones"})  # an empty list is left out
    with cf.read() as s:
        stored = s.get(Contact, bulk_id)
        assert stored is not None
        assert (stored.emails, stored.phones, stored.addresses) == (
            values["emails"], [], values["addresses"])
        assert (stored.rev, stored.device_id) == (1, cf.device_id)
    assert check(cf).sound


def test_bulk_chain_is_the_chain_of_chain_rows() -> None:
    ids = [new_id() for _ in range(6)]
    records = ['{"name": "A"}', None, '{"name": "Ω|5:x"}']
    fast = list(audit._chain_inserts("dev", 7, "ab" * 32, "2026-01-01T00:00:00.000000+00:00",
                                     "admin", "contact", ids[:3], ids[3:], records))
    slow = audit.chain_rows(
        [{"id": a, "ts": "2026-01-01T00:00:00.000000+00:00", "user": "admin",
          "entity": "contact", "entity_id": e, "op": "insert", "field": "*", "old": None,
          "new": n} for a, e, n in zip(ids[:3], ids[3:], records, strict=True)],
        "dev", 7, "ab" * 32)
    assert fast == [tuple(r[c] for c in audit._COLUMNS) for r in slow]
    prev = "ab" * 32
    for row in slow:
        assert row["hash"] == hashlib.sha256(prev.encode() + audit._canonical(row)).hexdigest()
        prev = row["hash"]


def test_batch_ids_are_uuid7_and_keep_increasing() -> None:
    before = new_id()
    batch = ids.new_ids(10_000)  # more than one millisecond's counter
    after = new_id()
    every = [before, *batch, after]
    assert every == sorted(every) and len(set(every)) == len(every)
    assert all(UUID7.match(i) for i in every)
    assert ids.new_ids(1)[0] > after


@pytest.mark.parametrize("texts", [
    ["Παπαδόπουλος", "ΜΑΡΊΑ Γεωργίου", "ΟΔΟΣ Ερμού", "ΣΑΣ Σ", "plain ASCII", ""],
    ["Chloé Øster Ñandú", "x²½ µ", "İstanbul", "Ǆemal", "ﬁ ligature", "a\u0301b"],
    ["日本語 ténë", "ἀρχή", "K Ω ς", "Zoë"],
    ["a\x00b", "Ünïcödé"],
    [""], [],
])
def test_folding_many_texts_at_once_is_folding_each(texts: list[str]) -> None:
    assert search._fold_many(texts) == [search.fold(t) for t in texts]
    docs = [search.IndexDoc(f"r{i}", "contact", None, t, "", t) for i, t in enumerate(texts)]
    meta, fts = search.prepare(docs, 5)
    assert fts == [(5 + i, search.fold(t), search.fold(t)) for i, t in enumerate(texts)]
    assert [m[0] for m in meta] == list(range(5, 5 + len(texts)))


def test_bulk_and_orm_contacts_are_indexed_alike(cf: CaseFile) -> None:
    values = {"name": "Γιώργος Νικολάου", "is_client": True, "emails": ["g@example.gr"],
              "phones": ["+30 1"], "addresses": ["Ερμού 1"], "notes": None}
    c = contacts.create(cf, **values)
    assert search.prepare_contacts([{**values, "id": c.id}], 1) == search.prepare(
        [search.doc_for(c)], 1)


def _contacts_and_audit(cf: CaseFile) -> tuple[int, int]:
    with cf.read() as s:
        return (s.scalar(select(func.count()).select_from(Contact)) or 0,
                s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_csv_import_reimport_and_a_bad_row(cf: CaseFile, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    lines = ["id,kind,name,email,phone,address"] + [
        f"C{i:04},{'organisation' if i % 3 == 0 else 'person'},Πελάτης {i},"
        f"p{i}@example.gr;p{i}@example.com,+30 {i},Οδός {i}" for i in range(300)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = interchange.import_document(cf, interchange.read_file(path))
    assert report.created["clients"] == 300
    again = interchange.import_document(cf, interchange.read_file(path))
    assert (again.created["clients"], again.unchanged["clients"]) == (0, 300)
    with cf.read() as s:
        hits = search.search(s, "πελατης 17")
        assert "Πελάτης 17" in {h.title for h in hits}
        c = s.scalar(select(Contact).where(Contact.import_key == "C0003"))
        assert c is not None and c.kind == "organisation" and c.is_client
        assert c.emails == ["p3@example.gr", "p3@example.com"]
    before = _contacts_and_audit(cf)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([*lines[:5], "N1,person,New One,,,", "N2,person,Bad,nope,,"]),
                   encoding="utf-8")
    with pytest.raises(ImportDataError, match=r"clients line 7: field 'emails'"):
        interchange.import_document(cf, interchange.read_file(bad))
    assert _contacts_and_audit(cf) == before
    assert check(cf).sound


def test_gc_paused_restores_the_collector() -> None:
    assert gc.isenabled()
    with perf.gc_paused():
        assert not gc.isenabled()
        with perf.gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), perf.gc_paused():
        raise ValueError
    assert gc.isenabled()


def test_the_import_command_loads_only_its_own_command_module() -> None:
    code = (
        "import sys, json\n"
        "from casedesk.cli.main import build_parser\n"
        "build_parser(['--debug', 'import', 'firm.casedesk', 'data.csv'])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('casedesk'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    loaded = set(json.loads(out))
    assert "casedesk.cli.commands.data" in loaded
    for heavy in ("casedesk.cli.commands.documents", "casedesk.core.services.documents",
                  "casedesk.core.conflicts", "casedesk.core.services.queries"):
        assert heavy not in loaded


def test_every_command_is_registered_alike_lazily_and_fully() -> None:
    from casedesk.cli.main import build_parser

    def commands(parser: object) -> dict[str, str]:
        sub = next(a for a in parser._actions if a.dest == "command")  # type: ignore[attr-defined]
        return {name: p.format_help() for name, p in sub.choices.items()}

    full = commands(build_parser())
    for name, help_text in full.items():
        assert commands(build_parser([name]))[name] == help_text
