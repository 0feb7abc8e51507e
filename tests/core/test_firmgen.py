"""The benchmark firm generator makes a sound, searchable, fully audited case file."""

from __future__ import annotations

import json
import random
from pathlib import Path

from sqlalchemy import func, select

from benchmarks import firmgen
from casedesk.core import crypto, search
from casedesk.core.casefile import CaseFile
from casedesk.core.check import check
from casedesk.core.models import (
    AuditEntry,
    Contact,
    Deadline,
    Event,
    Matter,
    MatterParty,
    Synced,
)
from casedesk.core.services.queries import ListQuery, matters


def test_tiny_firm_is_sound_audited_and_searchable(tmp_path: Path) -> None:
    path = tmp_path / "tiny.casedesk"
    info = firmgen.generate(path, "tiny", seed=7)  # kdf=None: the cheap test KDF (conftest)
    spec = firmgen.SIZES["tiny"]
    assert info["kdf"] == crypto.TEST_KDF.to_dict()

    cf = CaseFile.open(path, firmgen.ADMIN, firmgen.PASSWORD)
    try:
        with cf.read() as s:

            def count(model: type) -> int:
                return s.scalar(select(func.count()).select_from(model)) or 0

            assert count(Contact) == spec.contacts
            assert count(Matter) == spec.matters
            assert count(Event) == spec.events
            assert count(Deadline) == spec.deadlines
            assert 0.9 * spec.parties <= count(MatterParty) <= spec.parties
            assert count(AuditEntry) >= spec.min_audit
            assert info["counts"]["audit"] == count(AuditEntry)

            # Every synced column is filled, as the flush hook would have filled it.
            for model in (Contact, Matter, MatterParty, Event, Deadline):
                obj = s.scalars(select(model).limit(1)).one()
                assert isinstance(obj, Synced)
                assert obj.device_id == cf.device_id and obj.rev == 1
                assert obj.created_at.tzinfo is not None and obj.updated_at >= obj.created_at

            # Each inserted record is audited as the flush hook audits it: one whole-record row.
            client = s.scalars(select(Contact).where(Contact.is_client.is_(True))
                               .order_by(Contact.id).limit(1)).one()
            entry = s.scalars(select(AuditEntry).where(AuditEntry.entity_id == client.id,
                                                       AuditEntry.op == "insert")).one()
            assert (entry.op, entry.entity, entry.field) == ("insert", "contact", "*")
            from casedesk.core import personal

            opened = personal.open_record(personal.Keyring(s), "contact", client.id, entry.new)
            assert json.loads(opened or "{}")["name"] == client.name
            ops = dict(s.execute(select(AuditEntry.op, func.count()).group_by(AuditEntry.op)).all())
            assert ops["insert"] >= spec.contacts + spec.matters + spec.events + spec.deadlines
            assert ops["access"] > 0  # the reading history tops the trail up to its length

            hits = search.search(s, client.name, kinds=["client"])
            assert client.id in [h.ref for h in hits]
            matter = s.scalars(select(Matter).limit(1)).one()
            assert matter.id in [h.ref for h in search.search(s, matter.number)]

        report = check(cf)
        assert report.sound, report.text()
        assert f"Audit trail: {info['counts']['audit']} entries" in report.text()

        assert len(matters(cf, ListQuery(sort="number", limit=100))) == spec.matters
    finally:
        cf.close()


def test_the_same_seed_gives_the_same_names() -> None:
    def sample(seed: int) -> list[dict[str, object]]:
        names = firmgen.Names(random.Random(seed))
        return [names.contact() for _ in range(50)]

    assert sample(3) == sample(3)
    assert sample(3) != sample(4)
    kinds = {c["kind"] for c in sample(3)}
    assert kinds == {"person", "organisation"}
