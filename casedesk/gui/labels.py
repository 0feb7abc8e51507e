"""Display names of the core's stored values (status, roles, kinds…), translated."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_SOURCES: dict[str, dict[str, str]] = {
    "status": {
        "intake": QT_TRANSLATE_NOOP("labels", "Intake"),
        "open": QT_TRANSLATE_NOOP("labels", "Open"),
        "pending": QT_TRANSLATE_NOOP("labels", "Pending"),
        "closed": QT_TRANSLATE_NOOP("labels", "Closed"),
        "archived": QT_TRANSLATE_NOOP("labels", "Archived"),
    },
    "kind": {
        "person": QT_TRANSLATE_NOOP("labels", "Person"),
        "organisation": QT_TRANSLATE_NOOP("labels", "Organisation"),
    },
    "role": {
        "client": QT_TRANSLATE_NOOP("labels", "Client"),
        "opposing_party": QT_TRANSLATE_NOOP("labels", "Opposing party"),
        "opposing_counsel": QT_TRANSLATE_NOOP("labels", "Opposing counsel"),
        "witness": QT_TRANSLATE_NOOP("labels", "Witness"),
        "expert": QT_TRANSLATE_NOOP("labels", "Expert"),
        "co_counsel": QT_TRANSLATE_NOOP("labels", "Co-counsel"),
        "other": QT_TRANSLATE_NOOP("labels", "Other"),
    },
    "event_kind": {
        "hearing": QT_TRANSLATE_NOOP("labels", "Hearing"),
        "deposition": QT_TRANSLATE_NOOP("labels", "Deposition"),
        "meeting": QT_TRANSLATE_NOOP("labels", "Meeting"),
        "filing": QT_TRANSLATE_NOOP("labels", "Filing"),
        "other": QT_TRANSLATE_NOOP("labels", "Other"),
    },
    "deadline_status": {
        "open": QT_TRANSLATE_NOOP("labels", "Open"),
        "done": QT_TRANSLATE_NOOP("labels", "Done"),
        "cancelled": QT_TRANSLATE_NOOP("labels", "Cancelled"),
    },
    "task_status": {
        "open": QT_TRANSLATE_NOOP("labels", "Open"),
        "in_progress": QT_TRANSLATE_NOOP("labels", "In progress"),
        "done": QT_TRANSLATE_NOOP("labels", "Done"),
        "cancelled": QT_TRANSLATE_NOOP("labels", "Cancelled"),
    },
    "category": {
        "pleading": QT_TRANSLATE_NOOP("labels", "Pleading"),
        "motion": QT_TRANSLATE_NOOP("labels", "Motion"),
        "memorandum": QT_TRANSLATE_NOOP("labels", "Memorandum"),
        "brief": QT_TRANSLATE_NOOP("labels", "Brief"),
        "correspondence": QT_TRANSLATE_NOOP("labels", "Correspondence"),
        "evidence": QT_TRANSLATE_NOOP("labels", "Evidence"),
        "discovery": QT_TRANSLATE_NOOP("labels", "Discovery"),
        "contract": QT_TRANSLATE_NOOP("labels", "Contract"),
        "court_order": QT_TRANSLATE_NOOP("labels", "Court order"),
        "other": QT_TRANSLATE_NOOP("labels", "Other"),
    },
    "direction": {
        "incoming": QT_TRANSLATE_NOOP("labels", "Incoming"),
        "outgoing": QT_TRANSLATE_NOOP("labels", "Outgoing"),
        "internal": QT_TRANSLATE_NOOP("labels", "Internal"),
    },
    "channel": {
        "email": QT_TRANSLATE_NOOP("labels", "E-mail"),
        "letter": QT_TRANSLATE_NOOP("labels", "Letter"),
        "phone": QT_TRANSLATE_NOOP("labels", "Phone"),
        "meeting": QT_TRANSLATE_NOOP("labels", "Meeting"),
    },
    "area": {
        "litigation": QT_TRANSLATE_NOOP("labels", "Litigation"),
        "family": QT_TRANSLATE_NOOP("labels", "Family"),
        "employment": QT_TRANSLATE_NOOP("labels", "Employment"),
        "real_estate": QT_TRANSLATE_NOOP("labels", "Real estate"),
        "commercial": QT_TRANSLATE_NOOP("labels", "Commercial"),
        "criminal": QT_TRANSLATE_NOOP("labels", "Criminal"),
        "immigration": QT_TRANSLATE_NOOP("labels", "Immigration"),
        "personal_injury": QT_TRANSLATE_NOOP("labels", "Personal injury"),
        "estates": QT_TRANSLATE_NOOP("labels", "Estates"),
        "corporate": QT_TRANSLATE_NOOP("labels", "Corporate"),
        "other": QT_TRANSLATE_NOOP("labels", "Other"),
    },
    "op": {
        "insert": QT_TRANSLATE_NOOP("labels", "created"),
        "update": QT_TRANSLATE_NOOP("labels", "changed"),
        "delete": QT_TRANSLATE_NOOP("labels", "deleted"),
        "access": QT_TRANSLATE_NOOP("labels", "opened"),
        "note": QT_TRANSLATE_NOOP("labels", "noted"),
    },
    "entity": {
        "matter": QT_TRANSLATE_NOOP("labels", "Matter"),
        "party": QT_TRANSLATE_NOOP("labels", "Party"),
        "event": QT_TRANSLATE_NOOP("labels", "Event"),
        "deadline": QT_TRANSLATE_NOOP("labels", "Deadline"),
        "task": QT_TRANSLATE_NOOP("labels", "Task"),
        "note": QT_TRANSLATE_NOOP("labels", "Note"),
        "document": QT_TRANSLATE_NOOP("labels", "Document"),
        "correspondence": QT_TRANSLATE_NOOP("labels", "Correspondence"),
        "contact": QT_TRANSLATE_NOOP("labels", "Contact"),
    },
}


def value(kind: str, stored: str | None) -> str:
    """The translated label of a stored value (unknown values are shown as stored)."""
    if stored is None:
        return ""
    source = _SOURCES.get(kind, {}).get(stored)
    return QCoreApplication.translate("labels", source) if source else stored.replace("_", " ")


def choices(kind: str) -> list[tuple[str, str]]:
    """(stored value, translated label) pairs in their defined order."""
    return [(k, QCoreApplication.translate("labels", v)) for k, v in _SOURCES[kind].items()]
