"""Parsing and checking values that come from users and files, with messages naming the field."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from casedesk.core.errors import ValidationError

E = TypeVar("E", bound=enum.Enum)


def text(value: Any, field: str, *, required: bool = False, max_len: int = 10_000) -> str | None:
    if value is None:
        if required:
            raise ValidationError(f"'{field}' is required.", field=field)
        return None
    if not isinstance(value, str):
        raise ValidationError(f"'{field}' must be text, not {type(value).__name__}.", field=field)
    value = value.strip()
    if not value:
        if required:
            raise ValidationError(f"'{field}' must not be empty.", field=field)
        return None
    if len(value) > max_len:
        raise ValidationError(f"'{field}' is longer than {max_len} characters.", field=field)
    return value


def choice(value: Any, kind: type[E], field: str, *, default: E | None = None) -> str:
    if value is None or value == "":
        if default is None:
            raise ValidationError(f"'{field}' is required.", field=field)
        return str(default.value)
    norm = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if norm == "organization":
        norm = "organisation"
    try:
        return str(kind(norm).value)
    except ValueError:
        allowed = ", ".join(str(k.value) for k in kind)
        raise ValidationError(
            f"'{value}' is not a valid {field} (expected one of: {allowed}).", field=field
        ) from None


def parse_date(value: Any, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(
            f"'{value}' is not a valid date for '{field}' (expected YYYY-MM-DD).", field=field
        ) from None


def parse_local_datetime(value: Any, field: str) -> datetime:
    """A wall-clock date-time (``2026-12-03T10:00:00``), naive or with an offset."""
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(
            f"'{value}' is not a valid date and time for '{field}' "
            "(expected YYYY-MM-DDTHH:MM[:SS]).",
            field=field,
        ) from None


def timezone(value: Any, field: str = "timezone") -> str:
    name = text(value, field, required=True)
    assert name is not None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"'{name}' is not a known time zone (use an IANA name like Europe/Athens).",
            field=field,
        ) from None
    return name


def string_list(value: Any, field: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(f"'{field}' must be a list of text values.", field=field)
    out: list[str] = []
    for v in value:
        v = v.strip()
        if v and v not in out:
            out.append(v)
    return out


def email_list(value: Any, field: str) -> list[str]:
    out = string_list(value, field)
    for e in out:
        if "@" not in e or e.startswith("@") or e.endswith("@") or " " in e:
            raise ValidationError(f"'{e}' is not a valid e-mail address.", field=field)
    return out


def int_list(value: Any, field: str, *, minimum: int = 0, maximum: int = 3650) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise ValidationError(f"'{field}' must be a list of whole numbers.", field=field)
    for v in value:
        if not minimum <= v <= maximum:
            raise ValidationError(
                f"'{field}' values must be between {minimum} and {maximum}.", field=field
            )
    return sorted(set(value), reverse=True)


def boolean(value: Any, field: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"yes", "true", "1", "y"}:
        return True
    if isinstance(value, str) and value.strip().lower() in {"no", "false", "0", "n", ""}:
        return False
    raise ValidationError(f"'{field}' must be true or false.", field=field)
