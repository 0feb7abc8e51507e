"""Three devices doing random creates, edits and deletes of clients, matters, events and
documents, syncing in random orders, end identical with no change lost (hypothesis state
machine)."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule
from sqlalchemy import select

from casedesk.core import crypto
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import CasedeskError
from casedesk.core.models import Blob, Contact, Document, DocumentVersion, Event, Matter
from casedesk.core.services import calendar, contacts, documents, matters
from casedesk.core.sync import api
from casedesk.core.sync.join import join
from tests.core.test_sync import same
from tests.support import ADMIN_PW

NAMES = st.sampled_from(["Anna", "Βασίλης", "Chen", "Dara", "Émile"])


@pytest.fixture(scope="module")
def template() -> Path:
    """Three devices of one firm and their share, made once and copied for every example."""
    old = crypto.DEFAULT_KDF
    crypto.DEFAULT_KDF = crypto.TEST_KDF
    root = Path(tempfile.mkdtemp(prefix="sync-template-"))
    (root / "share").mkdir()
    a, _ = CaseFile.create(root / "d0.casedesk", firm_name="Prop", admin="admin",
                           password=ADMIN_PW)
    with a:
        api.sync_now(a, root / "share")
    for i in (1, 2):
        join(root / "share", root / f"d{i}.casedesk", "admin", ADMIN_PW).close()
    crypto.DEFAULT_KDF = old
    yield root
    shutil.rmtree(root, ignore_errors=True)


class Devices(RuleBasedStateMachine):
    template: Path

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="sync-prop-"))
        shutil.copytree(self.template, self.dir, dirs_exist_ok=True)
        self.share = self.dir / "share"
        self.cfs = [CaseFile.open(self.dir / f"d{i}.casedesk", "admin", ADMIN_PW)
                    for i in range(3)]
        self.written: set[str] = set()  # values written by someone, to check none is lost

    def teardown(self) -> None:
        for cf in self.cfs:
            cf.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def ids(self, dev: int, model: type) -> list[str]:
        with self.cfs[dev].read() as s:
            return sorted(s.scalars(select(model.id)))

    @rule(dev=st.integers(0, 2), name=NAMES)
    def create_client(self, dev: int, name: str) -> None:
        contacts.create(self.cfs[dev], name=name, is_client=True)

    @rule(dev=st.integers(0, 2), pick=st.integers(0, 50), name=NAMES, n=st.integers(0, 99))
    def edit_client(self, dev: int, pick: int, name: str, n: int) -> None:
        ids = self.ids(dev, Contact)
        if ids:
            value = f"{name} {n}"
            contacts.update(self.cfs[dev], ids[pick % len(ids)], notes=value)
            self.written.add(value)

    @rule(dev=st.integers(0, 2), pick=st.integers(0, 50))
    def delete_client(self, dev: int, pick: int) -> None:
        ids = self.ids(dev, Contact)
        if ids:
            with contextlib.suppress(CasedeskError):  # still the client of a matter
                contacts.delete(self.cfs[dev], ids[pick % len(ids)])

    @rule(dev=st.integers(0, 2), pick=st.integers(0, 50), title=NAMES)
    def create_matter(self, dev: int, pick: int, title: str) -> None:
        ids = self.ids(dev, Contact)
        if ids:
            matters.create(self.cfs[dev], title=title, client_id=ids[pick % len(ids)])

    @rule(dev=st.integers(0, 2), pick=st.integers(0, 50), judge=NAMES)
    def edit_matter(self, dev: int, pick: int, judge: str) -> None:
        ids = self.ids(dev, Matter)
        if ids:
            matters.update(self.cfs[dev], ids[pick % len(ids)], judge=judge)

    @rule(dev=st.integers(0, 2), day=st.integers(1, 28), title=NAMES)
    def create_event(self, dev: int, day: int, title: str) -> None:
        calendar.create_event(self.cfs[dev], title=title, start=f"2026-12-{day:02d}T10:00")

    @rule(dev=st.integers(0, 2), pick=st.integers(0, 50))
    def delete_event(self, dev: int, pick: int) -> None:
        ids = self.ids(dev, Event)
        if ids:
            calendar.delete_event(self.cfs[dev], ids[pick % len(ids)])

    @rule(dev=st.integers(0, 2), pick=st.integers(0, 50), word=NAMES)
    def add_document(self, dev: int, pick: int, word: str) -> None:
        ids = self.ids(dev, Matter)
        if ids:
            documents.add_document(self.cfs[dev], ids[pick % len(ids)], f"{word}.txt",
                                   f"Memo about {word}".encode())

    @rule(dev=st.integers(0, 2), pick=st.integers(0, 50), n=st.integers(0, 99))
    def add_version(self, dev: int, pick: int, n: int) -> None:
        ids = self.ids(dev, Document)
        if ids:
            with contextlib.suppress(CasedeskError):  # its matter was deleted meanwhile
                documents.add_version(self.cfs[dev], ids[pick % len(ids)], "memo.txt",
                                      f"Revision {n} on device {dev}".encode())

    @rule(dev=st.integers(0, 2))
    def sync(self, dev: int) -> None:
        api.sync_now(self.cfs[dev], self.share)

    def check_converged(self) -> None:
        for _ in range(2):
            for cf in self.cfs:
                api.sync_now(cf, self.share)
        same(*self.cfs)
        # no edit lost: every value written is either in place or kept in a conflict/tombstone
        with self.cfs[0].read() as s:
            notes = {n for n in s.scalars(select(Contact.notes)) if n}
        kept = {c.loser_value for c in api.open_conflicts(self.cfs[0])}
        with self.cfs[0].engine.connect() as conn:

            from tests.support import opened_audit

            in_audit = {r.new for r in opened_audit(conn, "field = 'notes'")}
        assert self.written <= in_audit
        assert notes <= self.written | kept
        # documents: the same versions everywhere, each with its content
        contents = []
        for cf in self.cfs:
            with cf.read() as s:
                versions = sorted(s.execute(select(DocumentVersion.document_id,
                                                   DocumentVersion.version,
                                                   DocumentVersion.sha256)).all())
                for _doc, _n, digest in versions:
                    data = s.scalar(select(Blob.data).where(Blob.sha256 == digest))
                    assert data is not None and hashlib.sha256(data).hexdigest() == digest
            contents.append(versions)
        assert contents[0] == contents[1] == contents[2]


def test_three_devices_converge(template: Path) -> None:
    Devices.template = template

    class Checked(Devices):
        def teardown(self) -> None:
            try:
                self.check_converged()
            finally:
                super().teardown()

    Checked.TestCase.settings = settings(
        max_examples=10, stateful_step_count=16, deadline=None,
        suppress_health_check=list(HealthCheck))
    Checked.TestCase().runTest()
