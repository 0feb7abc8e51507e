"""Roles and the rights they carry.  The core checks them on every service call, so the CLI,
the GUI, exports and reports obey the same rules."""

from __future__ import annotations

import enum

from casedesk.core.errors import PermissionDenied
from casedesk.core.models import Role


class Right(enum.StrEnum):
    VIEW = "view"
    EDIT = "edit"
    DELETE = "delete"
    EXPORT = "export"
    ADMINISTER = "administer"
    AUDIT = "audit"  # read the firm-wide audit trail (the History pane, `casedesk audit`)


ROLE_RIGHTS: dict[Role, frozenset[Right]] = {
    Role.ADMIN: frozenset(Right),
    Role.ATTORNEY: frozenset({Right.VIEW, Right.EDIT, Right.DELETE, Right.EXPORT, Right.AUDIT}),
    Role.CASE_MANAGER: frozenset({Right.VIEW, Right.EDIT, Right.DELETE, Right.EXPORT,
                                  Right.AUDIT}),
    Role.ASSISTANT: frozenset({Right.VIEW, Right.EDIT}),
    Role.READ_ONLY: frozenset({Right.VIEW}),
}

ROLE_LABELS = {
    Role.ADMIN: "Administrator",
    Role.ATTORNEY: "Attorney",
    Role.CASE_MANAGER: "Case manager",
    Role.ASSISTANT: "Assistant",
    Role.READ_ONLY: "Read-only",
}


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower().replace("-", "_"))
    except ValueError:
        names = ", ".join(r.value for r in Role)
        from casedesk.core.errors import ValidationError

        raise ValidationError(f"Unknown role '{value}' (roles: {names}).") from None


def has_right(role: str, right: Right) -> bool:
    try:
        return right in ROLE_RIGHTS[Role(role)]
    except ValueError:
        return False


def require(role: str, right: Right, action: str) -> None:
    """Raise :class:`PermissionDenied` naming the missing right when ``role`` lacks it."""
    if not has_right(role, right):
        raise PermissionDenied(
            f"You need the '{right.value}' right to {action}; the {role} role does not have it."
        )
