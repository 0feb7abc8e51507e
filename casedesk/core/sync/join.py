"""Making a new device's case file from the share (``casedesk join``).

The user's newest key slot on the share is unwrapped with their own password, which gives the
firm master key; the key files are then authenticated, a new SQLCipher file keyed with the same
master key is created with a new device id, the newest snapshot is loaded and every changeset
after it applied.  On any failure the half-made files are removed.
"""

from __future__ import annotations

import contextlib
import hmac
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from casedesk.core import crypto
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import AuthenticationError, CaseFileError
from casedesk.core.ids import new_id
from casedesk.core.keyslots import KeySlots, Slot, keys_path
from casedesk.core.models import Meta
from casedesk.core.storage import db, migrate
from casedesk.core.sync import apply, changesets, keys, snapshot
from casedesk.core.sync.share import Share, SyncError, SyncKeys


def join(share_dir: Path | str, path: Path | str, username: str, password: str) -> CaseFile:
    """Create ``path`` as a new replica of the firm on the share, opened as ``username``."""
    path = Path(path)
    username = username.strip().lower()
    probe = Share(share_dir, "", "", None)  # type: ignore[arg-type]
    probe.check()
    for p in (path, keys_path(path)):
        if p.exists():
            raise CaseFileError(f"{p} already exists; casedesk will not overwrite it.")
    if not path.parent.is_dir():
        raise CaseFileError(f"The folder {path.parent} does not exist.")
    docs = keys.read_docs(probe)
    mine = keys.newest([d for d in docs if d["user"] == username]).get(username)
    if mine is None or mine.get("slot") is None:
        crypto.derive_kek(password, crypto.new_salt(), crypto.DEFAULT_KDF)
        if not docs:
            raise SyncError(f"The folder {probe.root} holds no casedesk firm to join.")
        raise AuthenticationError("Wrong user name or password.")
    firm_id = str(mine["firm"])
    trial = KeySlots(firm_id=firm_id, file_salt="")
    try:
        trial.slots[username] = Slot.from_dict(mine["slot"])
    except (KeyError, TypeError, ValueError):
        raise SyncError("The key file for this user on the share is damaged.") from None
    master = trial.unlock(username, password)
    sync_keys = SyncKeys.derive(crypto.subkey(master, "sync"))
    if not hmac.compare_digest(str(mine.get("mac", "")), keys.mac(sync_keys.keyslots, mine)):
        raise SyncError("The key file for this user on the share is not authentic; "
                        "nothing was created.")
    device_id = new_id()
    share = Share(share_dir, firm_id, device_id, sync_keys)
    engine = None
    try:
        engine = db.make_engine(path, crypto.subkey(master, "sqlcipher"))
        write_engine = engine.execution_options(casedesk_write=True)
        with write_engine.begin() as conn:
            migrate.upgrade(conn)
            conn.execute(Meta.__table__.insert(), [
                {"key": "firm_id", "value": firm_id},
                {"key": "device_id", "value": device_id},
                {"key": "created", "value": datetime.now(UTC).isoformat()},
                {"key": "joined_from", "value": str(share.root)},
            ])
            found = snapshot.newest(share)
            if found is not None:
                snapshot.load(conn, found[1])
        ctx = apply.Context(device_id, username, share)
        more = True
        while more:
            with write_engine.begin() as conn:
                result = changesets.pull(ctx, conn, share)
                more = result.more
        with write_engine.begin() as conn:
            from casedesk.core.docmodels import Template
            from casedesk.core.models import DocumentVersion

            digests = [r[0] for r in conn.execute(select(DocumentVersion.sha256))]
            digests += [r[0] for r in conn.execute(select(Template.sha256))]
            apply._fetch_blobs(ctx, conn, digests)
            apply.retry_pending(ctx, conn)
            apply.append_own(ctx, conn)
            slots = KeySlots(firm_id=firm_id, file_salt=db.file_salt(path))
            keys.sync_keys(conn, share, slots, path)
        engine.dispose()
        engine = None
        cf = CaseFile.open(path, username, password)
    except BaseException:
        if engine is not None:
            engine.dispose()
        for p in (path, keys_path(path), Path(f"{path}-wal"), Path(f"{path}-shm")):
            with contextlib.suppress(OSError):
                p.unlink()
        raise
    return cf
