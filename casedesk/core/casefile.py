"""The encrypted case file: create it, unlock it, and open sessions on it.

A case file is one SQLCipher database (``firm.casedesk``) plus its key-slot sidecar
(``firm.casedesk.keys``).  Unlocking is two steps so that a wrong password and a damaged file are
never confused: first a user's slot is unwrapped (wrong user or password is decided here, before
the database is touched); then the database is opened with the derived key, and a database that
will not open is reported as damaged, naming the newest backup.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from casedesk.core import audit, crypto, models_registry, walls  # noqa: F401
from casedesk.core.errors import (
    AuthenticationError,
    CasedeskError,
    CaseFileError,
    DamagedCaseFile,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from casedesk.core.ids import new_id
from casedesk.core.keyslots import RECOVERY_USER, KeySlots, Unlocked, keys_path
from casedesk.core.models import Firm, Meta, Role, User
from casedesk.core.permissions import Right, parse_role, require
from casedesk.core.storage import backups, db, migrate

log = logging.getLogger(__name__)

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MIN_PASSWORD = 4


def check_username(name: str) -> str:
    name = name.strip().lower()
    if not USERNAME_RE.match(name):
        raise ValidationError(
            f"'{name}' is not a valid user name: use letters, digits, '.', '_' or '-', "
            "starting with a letter or digit.",
            field="username",
        )
    return name


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            f"The password is too short: use at least {MIN_PASSWORD} characters.",
            field="password",
        )


@dataclass(frozen=True)
class CurrentUser:
    id: str
    username: str
    role: str
    display_name: str

    def can(self, right: Right) -> bool:
        from casedesk.core.permissions import has_right

        return has_right(self.role, right)


class CaseFile:
    """An unlocked case file.  Use :meth:`read` and :meth:`write` for sessions."""

    def __init__(
        self, path: Path, engine: Engine, master: bytes, slots: KeySlots, user: CurrentUser,
        device_id: str, firm_id: str,
    ) -> None:
        self.path = path
        self._master = master
        self.slots = slots
        self.user = user
        self.device_id = device_id
        self.firm_id = firm_id
        self._bind(engine)
        self._box_private = b""
        self._walls: dict[str, tuple[int, walls.WallState]] = {}
        self._walled_tokens: dict[str, frozenset[str]] = {}

    # -- creating and opening --------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        path: Path,
        *,
        firm_name: str,
        admin: str,
        password: str,
        timezone: str = "UTC",
        kdf: crypto.KdfParams | None = None,
        admin_display_name: str | None = None,
    ) -> tuple[CaseFile, str]:
        """Create a new, empty case file.  Returns it (logged in as the admin) and the recovery
        key, which the caller must show the user exactly once."""
        path = Path(path)
        admin = check_username(admin)
        check_password(password)
        if not firm_name.strip():
            raise ValidationError("The firm needs a name.", field="firm")
        _check_timezone(timezone)
        kpath = keys_path(path)
        for p in (path, kpath):
            if p.exists():
                raise CaseFileError(f"{p} already exists; casedesk will not overwrite it.")
        if not path.parent.is_dir():
            raise CaseFileError(f"The folder {path.parent} does not exist.")
        master = crypto.new_master_key()
        firm_id, device_id = new_id(), new_id()
        engine = None
        try:
            engine = db.make_engine(path, crypto.subkey(master, "sqlcipher"))
            with engine.begin() as conn:
                migrate.upgrade(conn)
                conn.execute(
                    Meta.__table__.insert(),
                    [
                        {"key": "firm_id", "value": firm_id},
                        {"key": "device_id", "value": device_id},
                        {"key": "created", "value": datetime.now(UTC).isoformat()},
                    ],
                )
            slots = KeySlots(firm_id=firm_id, file_salt=db.file_salt(path))
            box_private, box_public = crypto.new_box_key()
            slots.set_password(admin, password, master, kdf=kdf, box_private=box_private)
            recovery = crypto.new_recovery_key()
            slots.set_password(RECOVERY_USER, recovery, master, kdf=kdf)
            user = CurrentUser(new_id(), admin, Role.ADMIN.value, admin_display_name or admin)
            cf = cls(path, engine, master, slots, user, device_id, firm_id)
            cf._box_private = box_private
            with cf.write() as s:
                s.add(Firm(id=firm_id, name=firm_name.strip(), timezone=timezone))
                s.add(User(id=user.id, username=admin, role=Role.ADMIN.value,
                           display_name=user.display_name, box_public=crypto.b64e(box_public)))
            slots.save(kpath)
            return cf, recovery
        except BaseException:
            if engine is not None:
                engine.dispose()
            for p in (path, kpath, Path(f"{path}-wal"), Path(f"{path}-shm")):
                with contextlib.suppress(OSError):
                    p.unlink()
            raise

    @classmethod
    def open(cls, path: Path, username: str, password: str, *,
             unlocked: tuple[KeySlots, Unlocked] | None = None) -> CaseFile:
        """Unlock with a user's password (raises AuthenticationError when wrong).  ``unlocked``:
        the key file and what this password opened in it, when the caller derived the key
        already (the CLI does so while it imports)."""
        path = Path(path)
        db.probe_file(path)
        username = username.strip().lower()
        if unlocked is None:
            slots = KeySlots.load(keys_path(path))
            opened = slots.unlock_keys(username, password)
        else:
            slots, opened = unlocked
        unlocked_keys = opened
        cf = cls._open_unlocked(path, slots, unlocked_keys.master, username)
        try:
            cf._after_login(password, unlocked_keys)
        except BaseException:
            cf.close()
            raise
        return cf

    @classmethod
    def open_with_recovery(cls, path: Path, recovery_key: str) -> CaseFile:
        """Unlock with the recovery key printed at ``init``; acts as an administrator."""
        path = Path(path)
        db.probe_file(path)
        slots = KeySlots.load(keys_path(path))
        unlocked = slots.unlock_recovery_keys(recovery_key)
        cf = cls._open_unlocked(path, slots, unlocked.master, RECOVERY_USER)
        try:
            cf._after_login(crypto.normalise_recovery_key(recovery_key), unlocked)
        except BaseException:
            cf.close()
            raise
        return cf

    def _after_login(self, secret: str, unlocked: Unlocked) -> None:
        """Finish a log-in: a slot from before key pairs gets one, a slot sealed by a firm-key
        rotation is rewritten under the password, the public key is published in the users
        table, and walled matters' keys are shared with members who lack them."""
        username = self.user.username
        slot = self.slots.slots[username]
        self._box_private = unlocked.box_private
        if unlocked.rotated or not unlocked.box_private:
            private = unlocked.box_private or crypto.new_box_key()[0]
            self.slots.set_password(username, secret, self._master, kdf=slot.kdf,
                                    must_change=slot.must_change, box_private=private)
            try:
                self.slots.save(keys_path(self.path))
            except (OSError, CasedeskError) as exc:  # read-only folder: next log-in does it
                log.warning("could not rewrite the key slot of %s: %s", username, exc)
                self.slots.slots[username] = slot
            else:
                self._box_private = private
        if not self._box_private:
            return
        if username == RECOVERY_USER:
            return
        public_b64 = crypto.b64e(crypto.box_public(self._box_private))
        try:
            with self.read() as s:
                known = s.scalar(select(User.box_public).where(User.id == self.user.id))
            if known != public_b64:
                with self.write() as s:
                    user = s.get(User, self.user.id)
                    if user is not None:
                        user.box_public = public_b64
        except CasedeskError as exc:  # busy or read-only: the next log-in does it
            log.warning("after log-in: %s", exc)
        self._share_wall_keys()

    @classmethod
    def _open_unlocked(cls, path: Path, slots: KeySlots, master: bytes, username: str) -> CaseFile:
        if db.file_salt(path) != slots.file_salt:
            raise CaseFileError(
                f"The key file {keys_path(path).name} does not match {path.name}: it belongs to "
                "another case file, or the case file's header is damaged."
            )
        engine = db.make_engine(path, crypto.subkey(master, "sqlcipher"))
        try:
            with engine.begin() as conn:
                migrate.ensure_current(conn, path, lambda: backups.pre_migration_copy(path, engine))
                meta = dict(conn.execute(select(Meta.key, Meta.value).where(
                    Meta.key.in_(("firm_id", "device_id")))).all())
                row = None
                if username != RECOVERY_USER:
                    row = conn.execute(
                        select(User.id, User.username, User.role, User.display_name, User.active)
                        .where(User.username == username)
                    ).first()
        except CasedeskError as exc:
            engine.dispose()
            if isinstance(exc, DamagedCaseFile):
                raise DamagedCaseFile(_damaged_message(path, str(exc))) from None
            raise
        except (sqlcipher.DatabaseError, DBAPIError) as exc:
            engine.dispose()
            raise DamagedCaseFile(_damaged_message(path, str(exc))) from None
        if meta.get("firm_id") != slots.firm_id:
            engine.dispose()
            raise CaseFileError(f"The key file does not belong to the firm in {path.name}.")
        if username == RECOVERY_USER:
            user = CurrentUser(RECOVERY_USER, RECOVERY_USER, Role.ADMIN.value, "Recovery key")
        else:
            if row is None or not row.active:
                engine.dispose()
                raise AuthenticationError(
                    "Wrong user name or password." if row is None
                    else f"The user account '{username}' is disabled."
                )
            user = CurrentUser(row.id, row.username, row.role, row.display_name or row.username)
        return cls(path, engine, master, slots, user, meta["device_id"], meta["firm_id"])

    def _bind(self, engine: Engine) -> None:
        """Use ``engine`` for every session from now on (also after a firm-key rotation)."""
        self.engine = engine
        self._file_id = _file_id(self.path)
        self._read_factory = sessionmaker(engine, expire_on_commit=False)
        self._write_factory = sessionmaker(
            engine.execution_options(casedesk_write=True), expire_on_commit=False
        )
        for factory in (self._read_factory, self._write_factory):
            audit.install(factory)
            walls.install(factory)

    def _rebind(self, engine: Engine, master: bytes, slots: KeySlots, device_id: str) -> None:
        """After a firm-key rotation: the same log-in on the re-encrypted file."""
        self._master, self.slots, self.device_id = master, slots, device_id
        self._bind(engine)
        self._walls.clear()

    def close(self) -> None:
        self.engine.dispose()
        self._master = b""
        self._box_private = b""
        self._walled_tokens.clear()

    # -- ethical walls ---------------------------------------------------------------------------
    @property
    def box_private(self) -> bytes:
        """This user's private key (seals of walled matters' keys open with it)."""
        return self._box_private

    def wall_state(self, session: Session, viewer: str | None = None) -> walls.WallState:
        """Walled matters and those hidden from ``viewer`` (default: the logged-in user),
        cached until the audit trail grows."""
        uid = viewer or self.user.id
        top = int(session.execute(text("SELECT coalesce(max(rowid), 0) FROM audit")).scalar_one())
        cached = self._walls.get(uid)
        if cached is not None and cached[0] == top:
            return cached[1]
        state = walls.load_state(session, uid)
        self._walls[uid] = (top, state)
        return state

    def forget_walls(self) -> None:
        self._walls.clear()

    def walled_tokens(self, digest: str, load: Callable[[], frozenset[str]]) -> frozenset[str]:
        """The searchable words of a walled document version, decrypted once per unlock."""
        found = self._walled_tokens.get(digest)
        if found is None:
            found = self._walled_tokens[digest] = load()
        return found

    def __enter__(self) -> CaseFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def subkey(self, purpose: str) -> bytes:
        """A key derived from the firm master key for one purpose (``"sync"``, ``"blobs"``…)."""
        if purpose == "sqlcipher":
            raise ValueError("the database key is not handed out")
        return crypto.subkey(self._master, purpose)

    # -- sessions --------------------------------------------------------------------------------
    @contextmanager
    def read(self, *, viewer: str | None = None) -> Iterator[Session]:
        """A read-only session (a flush in it raises: writes go through :meth:`write`).
        Ethical walls are applied for the logged-in user, or for the user id ``viewer``."""
        with self._read_factory() as session:
            session.info["casedesk_cf"] = self
            if viewer is not None:
                session.info["casedesk_viewer"] = viewer
            try:
                yield session
            except DBAPIError as exc:
                raise db.translate(exc, self.path) from exc

    @contextmanager
    def write(self, **extra: Any) -> Iterator[Session]:
        """A write transaction (``BEGIN IMMEDIATE``): committed when the block ends normally,
        rolled back on any exception; every change in it is audited as the current user."""
        if _file_id(self.path) != self._file_id:
            raise CaseFileError(
                f"{self.path.name} was re-encrypted under a new firm key (or replaced) since "
                "you logged in; log in again. Nothing was written.")
        session = self._write_factory()
        session.info["actor"] = audit.Actor(self.user.username, self.device_id, extra)
        session.info["casedesk_cf"] = self
        try:
            yield session
            session.flush()
            audit.flush_extra(session)  # access notes etc. written with no data change
            session.commit()
        except IntegrityError:
            session.rollback()
            raise
        except DBAPIError as exc:
            session.rollback()
            raise db.translate(exc, self.path) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def require(self, right: Right, action: str) -> None:
        require(self.user.role, right, action)
        if right is not Right.VIEW and self.must_change_password:
            raise PermissionDenied(
                f"You need to choose a new password before you can {action}: an administrator "
                f"reset yours (run `casedesk user FILE passwd {self.user.username}`)."
            )
        if right is Right.EXPORT and not self.user.can(Right.ADMINISTER):
            from casedesk.core import policy

            if not policy.get(self).non_admin_export:
                raise PermissionDenied(
                    f"You need the '{right.value}' right to {action}; the firm's policy "
                    "reserves it to administrators."
                )

    @property
    def must_change_password(self) -> bool:
        """True when an administrator reset this user's password: choose a new one now."""
        slot = self.slots.slots.get(self.user.username)
        return bool(slot and slot.must_change)

    def check_new_password(self, username: str, password: str) -> None:
        """Apply the firm's password policy (length, strength) to a new password."""
        from casedesk.core import policy

        policy.check_password(password, username, policy.get(self))

    # -- firm facts ------------------------------------------------------------------------------
    def firm(self) -> Firm:
        with self.read() as s:
            return s.scalars(select(Firm)).one()

    # -- users and their key slots ---------------------------------------------------------------
    def add_user(
        self, username: str, password: str, role: str, *, display_name: str | None = None,
        email: str | None = None, kdf: crypto.KdfParams | None = None,
    ) -> User:
        self.require(Right.ADMINISTER, "add users")
        username = check_username(username)
        self.check_new_password(username, password)
        role_value = parse_role(role).value
        with self.write() as s:
            if s.scalar(select(User.id).where(User.username == username)) is not None:
                raise ValidationError(f"There is already a user named '{username}'.")
            user = User(username=username, role=role_value, display_name=display_name or username,
                        email=email)
            s.add(user)
            s.flush()
            public = self.slots.set_password(username, password, self._master,
                                             kdf=kdf or self._kdf_for_new())
            user.box_public = crypto.b64e(public)
            try:
                self.slots.save(keys_path(self.path))
            except BaseException:
                self.slots.remove(username)
                raise
        self._share_wall_keys()
        return user

    def _share_wall_keys(self) -> None:
        try:
            walls.regrant(self)
        except CasedeskError as exc:  # a later log-in of any member does it
            log.warning("sharing walled matters' keys: %s", exc)

    def set_password(self, username: str, new_password: str, *, must_change: bool = False) -> None:
        username = check_username(username)
        if username != self.user.username:
            self.require(Right.ADMINISTER, "change another user's password")
        self.check_new_password(username, new_password)
        with self.write() as s:
            user = s.scalar(select(User).where(User.username == username))
            if user is None:
                raise NotFound(f"There is no user named '{username}'.")
            old = self.slots.slots.get(username)
            # Your own password keeps your key pair; a reset by an administrator (who cannot
            # open it) gives the user a new one, and walled matters' members re-share their keys.
            mine = username == self.user.username and bool(self._box_private)
            public = self.slots.set_password(username, new_password, self._master,
                                             kdf=old.kdf if old else self._kdf_for_new(),
                                             must_change=must_change,
                                             box_private=self._box_private if mine else None)
            user.box_public = crypto.b64e(public)
            audit.record_event(s, "user", user.id, "password", "password changed")
            s.flush()
            try:
                self.slots.save(keys_path(self.path))
            except BaseException:
                if old is not None:
                    self.slots.slots[username] = old
                raise
        if username != self.user.username:
            self._share_wall_keys()

    def remove_user(self, username: str) -> None:
        self.require(Right.ADMINISTER, "remove users")
        username = check_username(username)
        if username == self.user.username:
            raise ValidationError("You cannot remove your own account.")
        with self.write() as s:
            user = s.scalar(select(User).where(User.username == username))
            if user is None:
                raise NotFound(f"There is no user named '{username}'.")
            if user.role == Role.ADMIN.value:
                admins = s.scalars(select(User).where(User.role == Role.ADMIN.value,
                                                      User.active.is_(True))).all()
                if len(admins) <= 1:
                    raise ValidationError("The last administrator cannot be removed.")
            # The row stays (history refers to it); the account is disabled and its slot goes.
            user.active = False
            walls.drop_user_keys(s, user.id)
            s.flush()
            old = self.slots.slots.get(username)
            self.slots.remove(username)
            try:
                self.slots.save(keys_path(self.path))
            except BaseException:
                if old is not None:
                    self.slots.slots[username] = old
                raise

    def list_users(self) -> list[User]:
        with self.read() as s:
            return list(s.scalars(select(User).order_by(User.username)))

    def set_active(self, username: str, active: bool) -> None:
        """Disable (the key slot stays; log-in is refused) or enable a user (administrators)."""
        self.require(Right.ADMINISTER, "disable or enable users")
        username = check_username(username)
        if not active and username == self.user.username:
            raise ValidationError("You cannot disable your own account.")
        with self.write() as s:
            user = self._user_row(s, username)
            if not active and user.role == Role.ADMIN.value:
                self._keep_an_admin(s, user)
            user.active = active

    def set_role(self, username: str, role: str) -> None:
        """Give a user another role (administrators); the last active admin keeps theirs."""
        self.require(Right.ADMINISTER, "change users' roles")
        username = check_username(username)
        role_value = parse_role(role).value
        with self.write() as s:
            user = self._user_row(s, username)
            if user.role == Role.ADMIN.value and role_value != Role.ADMIN.value:
                self._keep_an_admin(s, user)
            user.role = role_value

    def reset_password(self, username: str, temporary: str | None = None) -> str:
        """An administrator re-wraps a user's key slot under a temporary password (generated
        when not given) that must be changed at the next log-in; returns the temporary one."""
        self.require(Right.ADMINISTER, "reset another user's password")
        username = check_username(username)
        if temporary is None:
            import secrets

            temporary = "-".join(secrets.token_hex(3) for _ in range(3))
        with self.read() as s:
            if not self._user_row(s, username).active:
                raise ValidationError(f"The user account '{username}' is disabled; enable it "
                                      "first.")
        self.set_password(username, temporary, must_change=True)
        return temporary

    def recovery_key_exists(self) -> bool:
        return RECOVERY_USER in self.slots.slots

    @staticmethod
    def _user_row(s: Session, username: str) -> User:
        user = s.scalar(select(User).where(User.username == username))
        if user is None:
            raise NotFound(f"There is no user named '{username}'.")
        return user

    @staticmethod
    def _keep_an_admin(s: Session, user: User) -> None:
        admins = s.scalars(select(User.id).where(User.role == Role.ADMIN.value,
                                                 User.active.is_(True))).all()
        if user.active and len(admins) <= 1:
            raise ValidationError("The firm's last active administrator must stay one.")

    def _kdf_for_new(self) -> crypto.KdfParams:
        """New slots use the parameters of the current user's slot (tests use cheap ones)."""
        mine = self.slots.slots.get(self.user.username)
        return mine.kdf if mine and mine.kdf != crypto.DEFAULT_KDF else crypto.DEFAULT_KDF

    # -- maintenance -----------------------------------------------------------------------------
    def raw_execute(self, sql: str) -> list[tuple[Any, ...]]:
        """Run a read-only PRAGMA/SELECT for maintenance checks."""
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _check_timezone(tz: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"Unknown time zone '{tz}'.", field="timezone") from None


def _damaged_message(path: Path, detail: str) -> str:
    from casedesk.core.backup import newest_backup  # local: casedesk.core.backup imports us

    found = newest_backup(path)
    newest = found.path if found else backups.newest(path)
    msg = f"The case file {path.name} is damaged and cannot be opened"
    if "(" not in detail:
        msg += f" ({detail})"
    if newest is not None:
        return msg + f". The newest backup is {newest}; restore it with `casedesk restore`."
    return msg + ". No backup of it was found beside it."
