"""The conflict index kept in the case file (issue 6 speed target): loading it must give the
same answers as building it, and every change made after it was kept must still be seen."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from casedesk.core import conflicts, intake, names
from casedesk.core.casefile import CaseFile
from casedesk.core.services import contacts, matters
from tests.support import ADMIN_PW

QUERIES: list[conflicts.Query] = [
    "Nikolaos Papadopoulos", ("Poseidon Maritime Inc", "organisation"), "Maria Papadopoulou",
    ("Helen Economou", None, "opposing_party"), "Ioannis Kiriakidis", "Summit Realty Inc",
    "Zeta Foods", "Georgios Nikolaou",
]


def _populate(cf: CaseFile) -> dict[str, str]:
    """A small firm with the awkward cases: Greek and Latin spellings, legal forms, the same
    name on several contacts, clients, adverse parties and a declined intake."""
    ids: dict[str, str] = {}
    for name, kind, client in [
        ("Νικόλαος Παπαδόπουλος", "person", False), ("Nikolaos Papadopoulos", "person", True),
        ("Poseidon Maritime Ltd", "organisation", True), ("Maria Papadopoulou", "person", False),
        ("Helen Oikonomou", "person", False), ("Zeta Foods GmbH", "organisation", False),
        ("Γεώργιος Νικολάου", "person", False), ("Georgios Nikolaidis", "person", False),
        ("...", "person", False),
    ]:
        ids[name] = contacts.create(cf, name=name, kind=kind, is_client=client).id
    for n in range(6):  # the same name six times: which of them make the limit must not vary
        ids[f"maria{n}"] = contacts.create(cf, name="Maria Papadopoulou").id
    m1 = matters.create(cf, title="Charter dispute", client_id=ids["Poseidon Maritime Ltd"],
                        practice_area="other")
    m2 = matters.create(cf, title="Lease", client_id=ids["Nikolaos Papadopoulos"],
                        practice_area="other")
    matters.add_party(cf, m1.id, ids["Νικόλαος Παπαδόπουλος"], "opposing_party")
    matters.add_party(cf, m2.id, ids["Helen Oikonomou"], "opposing_party")
    matters.add_party(cf, m2.id, ids["maria0"], "witness")
    matters.set_status(cf, m2.id, "closed")
    draft = intake.start_draft(cf, "litigation")
    intake.save_answers(cf, draft.id, {
        "client.kind": "person", "client.name": "Ιωάννης Κυριακίδης",
        "parties.opposing": [{"name": "Summit Realty Corp.", "kind": "organisation"}],
    }, "parties")
    intake.decline(cf, draft.id, "Conflict.")
    ids["draft"] = draft.id
    return ids


def _forget(cf: CaseFile) -> None:
    """Drop the index from memory only (as a new process would start)."""
    with conflicts._LOCK:
        conflicts._CACHE.pop(cf, None)


def _kept(cf: CaseFile) -> str | None:
    with cf.read() as s:
        value = s.execute(text("SELECT value FROM meta WHERE key = :k"),
                          {"k": conflicts._META_KEY}).scalar()
    return value


def _set_kept(cf: CaseFile, value: str) -> None:
    assert conflicts._write_meta(cf, value)


def _check(cf: CaseFile, **kw: object) -> list[conflicts.Hit]:
    return conflicts.check_names(cf, QUERIES, **kw)  # type: ignore[arg-type]


def _fresh(cf: CaseFile, **kw: object) -> list[conflicts.Hit]:
    """The answer of an index built from the database right now."""
    conflicts.invalidate(cf)
    hits = _check(cf, **kw)
    assert conflicts._index(cf).source == "built"
    return hits


@pytest.fixture
def firm(cf: CaseFile) -> Iterator[CaseFile]:
    _populate(cf)
    yield cf


def _reopen(cf: CaseFile) -> CaseFile:
    return CaseFile.open(cf.path, "admin", ADMIN_PW)


def test_a_loaded_index_answers_as_a_built_one(firm: CaseFile) -> None:
    built = _fresh(firm)
    assert built and any(h.standing == "declined_intake" for h in built)
    assert _kept(firm)  # the build kept a copy
    index = conflicts._index(firm)
    built_columns = sorted(zip(*index.names.columns(), strict=True), key=repr)

    _forget(firm)
    assert _check(firm) == built
    loaded = conflicts._index(firm)
    assert loaded.source == "loaded"
    assert sorted(zip(*loaded.names.columns(), strict=True), key=repr) == built_columns
    assert loaded.intake_refs == index.intake_refs

    with _reopen(firm) as other:  # another handle (a later unlock) loads it too
        assert _check(other) == built
        assert _check(other, limit=3, threshold=70) == _fresh(firm, limit=3, threshold=70)
        assert conflicts._index(other).source == "loaded"


def test_ties_at_the_limit_do_not_depend_on_the_order_names_were_learnt(firm: CaseFile) -> None:
    first = _fresh(firm, limit=3)
    marias = [h.contact_id for h in first if h.query == "Maria Papadopoulou"]
    assert len(marias) == 3
    # Rename one of the chosen three away and back: the index learns it again, last.
    contacts.update(firm, marias[0], name="Someone Else")
    assert marias[0] not in {h.contact_id for h in _check(firm, limit=3)}
    contacts.update(firm, marias[0], name="Maria Papadopoulou")
    assert _check(firm, limit=3) == first
    _forget(firm)
    assert _check(firm, limit=3) == first


def test_changes_after_the_index_was_kept_are_seen(firm: CaseFile) -> None:
    ids = _populate_ids(firm)
    _fresh(firm)
    kept_top = conflicts._index(firm).stored_top
    assert kept_top > 0

    new = contacts.create(firm, name="Aegean Shipping S.A.", kind="organisation")
    contacts.update(firm, ids["Zeta Foods GmbH"], name="Omega Foods GmbH")
    contacts.delete(firm, ids["Georgios Nikolaidis"])
    draft = intake.start_draft(firm, "litigation")
    intake.save_answers(firm, draft.id, {"client.kind": "person",
                                         "client.name": "Evangelos Mavridis"}, "parties")
    intake.decline(firm, draft.id, "Outside our practice.")

    def sees_the_changes(cf: CaseFile) -> None:
        hits = conflicts.check_names(cf, ["Aegean Shipping Ltd", "Zeta Foods", "Omega Foods",
                                          "Georgios Nikolaidis", "Evangelos Mavridis"])
        found: dict[str, set[str]] = {}
        for h in hits:
            found.setdefault(h.query, set()).add(h.name)
        assert found["Aegean Shipping Ltd"] == {"Aegean Shipping S.A."}
        assert "Zeta Foods" not in found
        assert found["Omega Foods"] == {"Omega Foods GmbH"}
        assert "Georgios Nikolaidis" not in found.get("Georgios Nikolaidis", set())
        assert all(h.contact_id != ids["Georgios Nikolaidis"] for h in hits)
        assert found["Evangelos Mavridis"] == {"Evangelos Mavridis"}

    sees_the_changes(firm)  # this handle's index, caught up in memory
    assert new.id in conflicts._index(firm).names
    with _reopen(firm) as later:  # a later unlock: the kept copy, then what changed since
        sees_the_changes(later)
        index = conflicts._index(later)
        assert index.source == "loaded" and index.stored_top == kept_top
        caught_up = _check(later), _check(firm)
    assert caught_up == (_fresh(firm), _fresh(firm))


def _populate_ids(cf: CaseFile) -> dict[str, str]:
    with cf.read() as s:
        return {name: cid for cid, name in s.execute(text("SELECT id, name FROM contacts"))}


def test_a_change_written_by_another_handle_is_seen(firm: CaseFile) -> None:
    _fresh(firm)
    with _reopen(firm) as other:
        assert conflicts.check_names(other, ["Quentin Blackwood"]) == []
        contacts.create(firm, name="Quentin Blackwood", is_client=True)
        # The other handle's index is in memory and older: it reads the new contact.
        [hit] = conflicts.check_names(other, ["Quentin Blackwood"])
        assert hit.standing == "current_client"
        contacts.update(other, hit.contact_id, name="Quentin Blackwell")
    # ... and this handle sees the rename the other one made.
    assert {h.name for h in conflicts.check_names(firm, ["Quentin Blackwell"])} == {
        "Quentin Blackwell"}
    assert conflicts.check_names(firm, ["Quentin Blackwood"], threshold=95) == []


def test_matters_and_parties_are_read_at_check_time(firm: CaseFile) -> None:
    ids = _populate_ids(firm)
    _fresh(firm)
    maria = ids["Maria Papadopoulou"]

    def marias_matters() -> list[tuple[str | None, str | None, str]]:
        return sorted((h.matter_number, h.role, h.standing) for h in conflicts.check_names(
            firm, ["Maria Papadopoulou"]) if h.contact_id == maria)

    assert marias_matters() == [(None, None, "other")]
    assert maria in conflicts._index(firm).details  # kept for the next check...
    client = contacts.create(firm, name="Delphi Software Ltd", kind="organisation",
                             is_client=True)
    matter = matters.create(firm, title="Licence claim", client_id=client.id,
                            practice_area="other")
    party = matters.add_party(firm, matter.id, maria, "opposing_party")
    # ... until a matter or party changes
    assert marias_matters() == [(matter.number, "opposing_party", "adverse_party")]
    matters.change_party_role(firm, party.id, "client")
    assert marias_matters() == [(matter.number, "client", "current_client")]
    matters.set_status(firm, matter.id, "closed")
    assert marias_matters() == [(matter.number, "client", "former_client")]
    _forget(firm)  # the kept copy predates the matter: it holds no matters to go stale
    assert marias_matters() == [(matter.number, "client", "former_client")]
    matters.remove_party(firm, party.id)
    assert marias_matters() == [(None, None, "other")]
    contacts.update(firm, maria, is_client=True)  # only the contact changes
    assert marias_matters() == [(None, None, "current_client")]


def test_a_kept_copy_that_cannot_be_trusted_is_rebuilt(firm: CaseFile,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _fresh(firm)
    good = _kept(firm)
    assert good
    head, *columns = good.split(conflicts._FIELD_SEP)
    tag = json.loads(head)
    wrong_keys = conflicts._ITEM_SEP.join("zzz" for _ in columns[3].split(conflicts._ITEM_SEP))

    def kept(changed: dict[str, object], cols: list[str] = columns) -> str:
        return conflicts._FIELD_SEP.join([json.dumps({**tag, **changed}), *cols])

    bad = [
        "garbage",
        kept({"hash": "0" * 64}),  # not this audit trail
        kept({"schema": "0000"}),  # another schema
        kept({"format": 99}),
        kept({"n": tag["n"] + 1}),
        kept({}, [*columns[:3], wrong_keys]),  # keys that do not fit the names
    ]
    assert kept({}) == good
    for value in bad:
        _set_kept(firm, value)
        _forget(firm)
        assert _check(firm) == expected
        assert conflicts._index(firm).source == "built"
        assert _kept(firm) != value  # and a good copy was kept instead
    # Keys of another KEY_VERSION are computed again.
    _forget(firm)
    monkeypatch.setattr(conflicts, "KEY_VERSION", names.KEY_VERSION + 1)
    assert _check(firm) == expected
    assert conflicts._index(firm).source == "built"


def test_a_busy_case_file_only_skips_keeping_the_index(firm: CaseFile) -> None:
    conflicts.invalidate(firm)
    assert _kept(firm) is None
    with firm.write() as s:  # someone holds the write lock
        s.execute(text("UPDATE firm SET name = name"))
        started = time.monotonic()
        hits = _check(firm)
        assert time.monotonic() - started < 5
    assert hits and _kept(firm) is None
    assert conflicts._index(firm).failed_at > float("-inf")
    assert _check(firm) == hits  # not retried at once; still answers


def test_name_index_columns_round_trip() -> None:
    entries = [(1, "Maria Papadopoulou", "person"), (2, "Acme Ltd", "organisation"),
               (3, "  ", None), (4, "Μαρία Παπαδοπούλου", None), (2, "Acme GmbH", "company")]
    one_by_one = names.NameIndex()
    for entry in entries:
        one_by_one.add(*entry)
    many = names.NameIndex(entries)
    assert sorted(zip(*many.columns(), strict=True), key=repr) == sorted(
        zip(*one_by_one.columns(), strict=True), key=repr)
    loaded = names.NameIndex()
    loaded.add_keyed(*many.columns())
    for query in ("Maria Papadopoulou", "Acme", "Acme Inc"):
        assert loaded.search(query, threshold=50) == many.search(query, threshold=50)
    assert len(loaded) == 4 and loaded.unique_keys == many.unique_keys
    loaded.add_keyed([5, 5], ["Zeta", "Zeta Foods"], [None, None],
                     [names.name_key("Zeta"), names.name_key("Zeta Foods")])
    assert [h.stored_name for h in loaded.search("Zeta Foods")] == ["Zeta Foods"]
    assert loaded.search("Zeta", threshold=100) == []
    assert loaded.remove(5) and 5 not in loaded


def test_keeping_the_index_does_not_write_to_the_audit_trail(tmp_path: Path) -> None:
    cf, _ = CaseFile.create(tmp_path / "a.casedesk", firm_name="A", admin="admin",
                            password=ADMIN_PW)
    with cf:
        contacts.create(cf, name="Maria Papadopoulou")
        with cf.read() as s:
            before = s.execute(text("SELECT count(*) FROM audit")).scalar()
        conflicts.check_names(cf, ["Maria"])
        with cf.read() as s:
            assert s.execute(text("SELECT count(*) FROM audit")).scalar() == before
        assert _kept(cf)


def test_the_kept_copy_follows_once_it_lags(firm: CaseFile,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _fresh(firm)
    kept = conflicts._index(firm).stored_top
    contacts.create(firm, name="Quentin Blackwood")
    _check(firm)
    assert conflicts._index(firm).stored_top == kept  # a few rows behind: not rewritten
    monkeypatch.setattr(conflicts, "_STORE_LAG", 1)
    contacts.create(firm, name="Quentin Blackwell")
    _check(firm)
    index = conflicts._index(firm)
    assert index.stored_top == index.top > kept
    # Far behind, a kept copy is not caught up but built again.
    monkeypatch.setattr(conflicts, "_REBUILD_AFTER", 1)
    contacts.create(firm, name="Quentin Blackmore")
    contacts.create(firm, name="Quentin Blackburn")
    _forget(firm)
    assert {h.name for h in conflicts.check_names(firm, ["Quentin Blackburn"])} >= {
        "Quentin Blackburn"}
    assert conflicts._index(firm).source == "built"
