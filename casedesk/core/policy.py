"""Firm-wide security policies, kept in ``Firm.settings["policy"]`` (audited like any change).

=========================  =======  ==========================================================
key                        default  meaning
=========================  =======  ==========================================================
``min_password_length``    4        new passwords need at least this many characters (4-128)
``strong_passwords``       no       also refuse common passwords, one repeated character, and
                                    passwords containing the user name
``autolock_minutes``       (unset)  idle minutes before the app locks; unset: each user's own
                                    setting (default 10)
``non_admin_export``       yes      whether non-administrators with the export right may export
``backup_keep_days``       30       how long backups are kept (``settings["backup"]``)
``retention_years``        6        years after a matter closes before its client's personal
                                    data may be erased (see :mod:`casedesk.core.erasure`)
=========================  =======  ==========================================================

Only administrators change policies; anyone logged in may read them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from casedesk.core.errors import ValidationError
from casedesk.core.models import Firm
from casedesk.core.permissions import Right

if TYPE_CHECKING:
    from casedesk.core.casefile import CaseFile

#: A small built-in list of the passwords most often found in breaches (lower case).
_COMMON = """
123456 123456789 12345678 1234567890 12345 1234567 123123 111111 000000 654321 121212 112233
password password1 password123 passw0rd p@ssw0rd p@ssword qwerty qwerty123 qwertyuiop
1q2w3e4r 1qaz2wsx abc123 abcd1234 iloveyou admin admin123 administrator welcome welcome1
letmein monkey dragon football baseball sunshine princess master shadow superman trustno1
changeme secret secret123 login default guest test test123 demo qazwsx zaq12wsx asdfgh
asdfghjkl zxcvbnm starwars whatever freedom hello hello123 lawyer lawfirm casedesk
"""
COMMON_PASSWORDS = frozenset(_COMMON.split())

MIN_LENGTH_FLOOR = 4
TRUE = {"1", "yes", "true", "on", "y"}
FALSE = {"0", "no", "false", "off", "n"}


@dataclass(frozen=True)
class Policy:
    min_password_length: int = MIN_LENGTH_FLOOR
    strong_passwords: bool = False
    autolock_minutes: int | None = None
    non_admin_export: bool = True
    backup_keep_days: int = 30
    retention_years: int = 6

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


KEYS = tuple(Policy.__dataclass_fields__)


def from_settings(settings: Mapping[str, Any] | None) -> Policy:
    """The policy in a firm's settings (missing or bad values take the defaults)."""
    settings = settings or {}
    raw = settings.get("policy") or {}
    values: dict[str, Any] = {}
    for key in KEYS:
        if key in raw:
            try:
                values[key] = _parse(key, raw[key])
            except ValidationError:
                continue
    keep = (settings.get("backup") or {}).get("keep_days")
    if keep is not None:
        with contextlib.suppress(ValidationError):
            values["backup_keep_days"] = _parse("backup_keep_days", keep)
    return Policy(**values)


def get(cf: CaseFile) -> Policy:
    return from_settings(cf.firm().settings)


def _int(key: str, value: Any, low: int, high: int) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(f"'{key}' must be a whole number, not {value!r}.",
                              field=key) from None
    if not low <= number <= high:
        raise ValidationError(f"'{key}' must be between {low} and {high}.", field=key)
    return number


def _bool(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValidationError(f"'{key}' must be yes or no, not {value!r}.", field=key)


def _parse(key: str, value: Any) -> Any:
    if key == "min_password_length":
        return _int(key, value, MIN_LENGTH_FLOOR, 128)
    if key in ("strong_passwords", "non_admin_export"):
        return _bool(key, value)
    if key == "autolock_minutes":
        if value is None or str(value).strip().lower() in ("", "none", "unset", "off"):
            return None
        return _int(key, value, 1, 1440)
    if key == "backup_keep_days":
        return _int(key, value, 1, 3650)
    if key == "retention_years":
        return _int(key, value, 0, 100)
    raise ValidationError(f"Unknown policy '{key}' (policies: {', '.join(KEYS)}).", field=key)


def set_value(cf: CaseFile, key: str, value: Any) -> Policy:
    """Change one policy (administrators); the change is audited as a firm settings change."""
    cf.require(Right.ADMINISTER, "change the firm's policies")
    key = key.strip().lower().replace("-", "_")
    parsed = _parse(key, value)
    with cf.write() as s:
        firm = s.scalars(select(Firm)).one()
        settings = dict(firm.settings or {})
        if key == "backup_keep_days":
            backup = dict(settings.get("backup") or {})
            backup["keep_days"] = parsed
            settings["backup"] = backup
        else:
            policy = dict(settings.get("policy") or {})
            if parsed is None:
                policy.pop(key, None)
            else:
                policy[key] = parsed
            settings["policy"] = policy
        firm.settings = settings
    return get(cf)


def check_password(password: str, username: str | None, policy: Policy) -> None:
    """Raise :class:`ValidationError` (field ``password``) when the policy refuses it."""
    if len(password) < policy.min_password_length:
        raise ValidationError(
            f"The password is too short: use at least {policy.min_password_length} characters.",
            field="password",
        )
    if not policy.strong_passwords:
        return
    low = password.lower()
    if low in COMMON_PASSWORDS or low.rstrip("0123456789!.") in COMMON_PASSWORDS:
        raise ValidationError("That password is one of the most common ones: choose another.",
                              field="password")
    if len(set(password)) == 1:
        raise ValidationError("The password repeats one character: choose another.",
                              field="password")
    if username and len(username) >= 3 and username.lower() in low:
        raise ValidationError("The password must not contain the user name.", field="password")


def export_allowed(cf: CaseFile) -> bool:
    """Whether the current user may export under the firm's policy (rights checked apart)."""
    if cf.user.can(Right.ADMINISTER):
        return True
    return get(cf).non_admin_export
