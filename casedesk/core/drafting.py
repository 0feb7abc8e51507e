"""Word drafting: fill ``.docx`` templates with a matter's data, safely.

A template is a Word document containing merge fields written in docxtpl's Jinja2 dialect
(``{{ client.name }}``, ``{%p if matter.judge %}``, ``{%tr for d in deadlines %}`` …).  Templates
are *user content* (a firm may upload its own), so they are rendered in a sandbox:

* :class:`jinja2.sandbox.ImmutableSandboxedEnvironment` — no access to ``__class__``,
  ``__globals__`` or any other underscore attribute, no calling of unsafe methods, no mutation of
  the data handed to the template;
* no loader — ``{% include %}``, ``{% import %}`` and ``{% extends %}`` are refused (a template can
  never read a file);
* strict undefined — a name that is not in the context is an error naming the field (documented
  fields that have no value are present as empty strings, so they render empty);
* autoescaping — values are XML-escaped, so a client called ``Smith & <Sons>`` cannot break the
  document.

Everything happens in memory: the template comes in as ``bytes`` and the draft goes out as
``bytes``; nothing with client data is written to disk.

Public API: :func:`build_context`, :data:`FIELDS` (mirrored in ``resources/templates/FIELDS.md``),
:func:`render_template`, :func:`template_fields`, :func:`validate_template`,
:func:`shipped_templates_dir`, :func:`list_shipped_templates`, :func:`format_date`,
:func:`format_datetime`, :func:`fields_markdown`.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.runtime import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import missing
from lxml import etree

from casedesk.core.errors import TemplateError, ValidationError

__all__ = [
    "FIELDS",
    "PARTY_ROLES",
    "FieldDoc",
    "build_context",
    "fields_markdown",
    "format_date",
    "format_datetime",
    "list_shipped_templates",
    "render_template",
    "shipped_templates_dir",
    "template_fields",
    "validate_template",
]

# --------------------------------------------------------------------------------------------
# Field documentation
# --------------------------------------------------------------------------------------------


class FieldDoc(NamedTuple):
    """One merge field a template may use (shown to users; mirrored in FIELDS.md)."""

    name: str
    description: str
    example: str


#: Standard party roles; each is always present in ``parties`` (an empty list when nobody has
#: that role).  Parties with any other role are added under their normalised role name.
PARTY_ROLES: tuple[str, ...] = (  # = casedesk.core.models.PartyRole values
    "client",
    "opposing_party",
    "opposing_counsel",
    "witness",
    "expert",
    "co_counsel",
    "other",
)

_ROLE_SYNONYMS = {
    "opposing": "opposing_party",
    "opponent": "opposing_party",
    "opposing_parties": "opposing_party",
    "defendant": "opposing_party",
    "respondent": "opposing_party",
    "opposing_lawyer": "opposing_counsel",
    "opposing_attorney": "opposing_counsel",
    "witnesses": "witness",
    "expert_witness": "expert",
    "experts": "expert",
    "co_counsels": "co_counsel",
    "third_party": "other",
    "third_parties": "other",
}

FIELDS: list[FieldDoc] = [
    # Firm
    FieldDoc("firm.name", "Name of the law firm.", "Papadopoulos & Partners Law Firm"),
    FieldDoc(
        "firm.address",
        "Postal address of the firm; line breaks are kept.",
        "12 Akadimias Street\nAthens 106 71",
    ),
    FieldDoc(
        "firm.address_line",
        "The firm's address on one line (line breaks replaced by commas), for letterheads.",
        "12 Akadimias Street, Athens 106 71",
    ),
    FieldDoc("firm.phone", "Telephone number of the firm.", "+30 210 123 4567"),
    FieldDoc("firm.email", "E-mail address of the firm.", "office@papadopoulos-law.gr"),
    # Dates and locale
    FieldDoc(
        "today",
        "Today's date written out in the draft's language (Greek uses genitive month names).",
        "28 November 2026 / 28 Νοεμβρίου 2026",
    ),
    FieldDoc("today_iso", "Today's date as YYYY-MM-DD.", "2026-11-28"),
    FieldDoc("locale", "Language of the draft: 'en' or 'el'.", "en"),
    # Client
    FieldDoc("client.name", "Full name of the client (person or company).", "Maria Georgiou"),
    FieldDoc(
        "client.address",
        "Postal address of the client; line breaks are kept.",
        "5 Ermou Street\nThessaloniki 546 24",
    ),
    FieldDoc(
        "client.salutation",
        "Greeting line without the final comma; 'Dear <client name>' when none is recorded.",
        "Dear Ms Georgiou",
    ),
    FieldDoc("client.email", "E-mail address of the client.", "maria.georgiou@example.com"),
    FieldDoc("client.phone", "Telephone number of the client.", "+30 694 000 0000"),
    # Matter
    FieldDoc("matter.number", "The firm's internal matter number.", "2026-0142"),
    FieldDoc("matter.title", "Short title of the matter.", "Georgiou v. Northwind Shipping S.A."),
    FieldDoc("matter.court", "Court hearing the case.", "Athens Court of First Instance"),
    FieldDoc("matter.case_number", "The court's case (docket) number.", "4711/2026"),
    FieldDoc(
        "matter.judge", "Judge assigned to the case (empty when unknown).", "Hon. A. Nikolaou"
    ),
    FieldDoc(
        "matter.practice_area",
        "Practice area of the matter (a code such as real_estate is shown as 'Real estate').",
        "Commercial litigation",
    ),
    FieldDoc("matter.status", "Current status of the matter (e.g. 'Open').", "Open"),
    # Parties
    FieldDoc(
        "parties",
        "Names of the parties grouped by role: parties.<role> is a list of names. Standard roles "
        "are always present: " + ", ".join(PARTY_ROLES) + "; other recorded roles are added "
        "under their name in lower case with underscores.",
        "{'opposing_party': ['Northwind Shipping S.A.'], 'witness': [], …}",
    ),
    FieldDoc(
        "parties.opposing_party",
        "List of the opposing parties' names.",
        "['Northwind Shipping S.A.']",
    ),
    FieldDoc(
        "parties.opposing_counsel",
        "List of the opposing counsel's names.",
        "['Dimitris Alexiou']",
    ),
    FieldDoc(
        "parties.witness", "List of the witnesses' names.", "['Eleni Vlachou', 'Nikos Pappas']"
    ),
    FieldDoc("parties.expert", "List of the expert witnesses' names.", "['Dr Kostas Ioannou']"),
    FieldDoc("parties.client", "List of the names recorded with the role client.", "[]"),
    FieldDoc("parties.co_counsel", "List of co-counsel's names.", "['Anna Lykou']"),
    FieldDoc("parties.other", "List of the other involved persons' names.", "[]"),
    FieldDoc(
        "opposing_parties",
        "The opposing parties' names as one phrase (‘A, B and C’).",
        "Northwind Shipping S.A.",
    ),
    FieldDoc(
        "opposing_counsel",
        "The opposing counsel's names as one phrase.",
        "Dimitris Alexiou",
    ),
    FieldDoc("witnesses", "The witnesses' names as one phrase.", "Eleni Vlachou and Nikos Pappas"),
    # People at the firm
    FieldDoc("attorney.name", "Responsible attorney for the matter.", "Ioannis Papadopoulos"),
    FieldDoc(
        "attorney.email", "E-mail address of the responsible attorney.", "ip@papadopoulos-law.gr"
    ),
    FieldDoc("attorney.phone", "Direct telephone of the responsible attorney.", "+30 210 123 4500"),
    FieldDoc("case_manager.name", "Case manager of the matter.", "Sofia Karali"),
    FieldDoc("case_manager.email", "E-mail address of the case manager.", "sk@papadopoulos-law.gr"),
    FieldDoc("case_manager.phone", "Direct telephone of the case manager.", "+30 210 123 4510"),
    # Deadlines
    FieldDoc(
        "deadlines",
        "Upcoming open deadlines (due today or later), earliest first. Loop over them, e.g. in a "
        "table row: {%tr for d in deadlines %} … {{ d.title }} … {%tr endfor %}.",
        "[{'title': 'File statement of claim', 'due': '7 December 2026', …}]",
    ),
    FieldDoc("deadlines[].title", "What is due.", "File statement of claim"),
    FieldDoc("deadlines[].due", "Due date written out in the draft's language.", "7 December 2026"),
    FieldDoc("deadlines[].due_iso", "Due date as YYYY-MM-DD.", "2026-12-07"),
    FieldDoc(
        "deadlines[].rule",
        "The rule the deadline was computed from (empty when entered by hand).",
        "CPC art. 215 — 30 days from service",
    ),
    FieldDoc(
        "next_deadline",
        "The first of the deadlines, with the same fields (all empty when there is none).",
        "{'title': 'File statement of claim', 'due': '7 December 2026', …}",
    ),
    FieldDoc("next_deadline.title", "What is due next.", "File statement of claim"),
    FieldDoc("next_deadline.due", "When the next deadline is due, written out.", "7 December 2026"),
    FieldDoc(
        "next_deadline.due_iso", "When the next deadline is due, as YYYY-MM-DD.", "2026-12-07"
    ),
    FieldDoc("next_deadline.rule", "The rule behind the next deadline.", "CPC art. 215"),
    # Hearings
    FieldDoc(
        "hearings",
        "Upcoming hearings (today or later), earliest first. Loop over them: "
        "{%p for h in hearings %} … {{ h.start }} … {%p endfor %}.",
        "[{'title': 'Main hearing', 'start': '14 January 2027, 09:30', …}]",
    ),
    FieldDoc("hearings[].title", "What the hearing is.", "Main hearing"),
    FieldDoc(
        "hearings[].start",
        "Date and time of the hearing written out (date only when no time is known).",
        "14 January 2027, 09:30",
    ),
    FieldDoc("hearings[].start_iso", "Start as ISO 8601.", "2027-01-14T09:30:00"),
    FieldDoc("hearings[].date", "Date of the hearing written out.", "14 January 2027"),
    FieldDoc("hearings[].time", "Time of the hearing (HH:MM; empty when unknown).", "09:30"),
    FieldDoc("hearings[].location", "Where the hearing takes place.", "Courtroom 5, 2nd floor"),
    FieldDoc(
        "next_hearing",
        "The first of the hearings, with the same fields (all empty when there is none).",
        "{'title': 'Main hearing', 'start': '14 January 2027, 09:30', …}",
    ),
    FieldDoc("next_hearing.title", "What the next hearing is.", "Main hearing"),
    FieldDoc("next_hearing.start", "Date and time of the next hearing.", "14 January 2027, 09:30"),
    FieldDoc(
        "next_hearing.start_iso", "Start of the next hearing, ISO 8601.", "2027-01-14T09:30:00"
    ),
    FieldDoc("next_hearing.date", "Date of the next hearing.", "14 January 2027"),
    FieldDoc("next_hearing.time", "Time of the next hearing.", "09:30"),
    FieldDoc(
        "next_hearing.location", "Where the next hearing takes place.", "Courtroom 5, 2nd floor"
    ),
]


def fields_markdown() -> str:
    """The text of ``resources/templates/FIELDS.md`` (generated from :data:`FIELDS`)."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", "<br>")

    lines = [
        "# Merge fields for Word templates",
        "",
        "<!-- Generated by resources/templates/make_templates.py from",
        "     casedesk.core.drafting.FIELDS; do not edit by hand. -->",
        "",
        "Templates are ordinary Word `.docx` files. Write a field as `{{ client.name }}`.",
        "Conditions and loops use docxtpl's tags: `{%p if matter.judge %}` … `{%p endif %}`",
        "removes whole paragraphs, `{%tr for d in deadlines %}` … `{%tr endfor %}` repeats a",
        "table row. Every field below always exists; a value that is not recorded is empty.",
        'Any other name is an error ("The template uses an unknown field …").',
        "",
        "Templates run in a sandbox: they cannot include other files or reach Python internals.",
        "",
        "| Field | Description | Example |",
        "|---|---|---|",
    ]
    for field in FIELDS:
        lines.append(
            f"| `{cell(field.name)}` | {cell(field.description)} | {cell(field.example)} |"
        )
    lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Dates in the draft's language
# --------------------------------------------------------------------------------------------

_MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    # Genitive forms, as used in dates ("28 Νοεμβρίου 2026").
    "el": (
        "Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου",
        "Ιουλίου", "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου",
    ),
}  # fmt: skip

_AND = {"en": "and", "el": "και"}


def _language(locale: str | None) -> str:
    """'el', 'el_GR', 'el-GR' → 'el'; anything that is not Greek falls back to English."""
    lang = (locale or "en").replace("-", "_").split("_", 1)[0].lower()
    return lang if lang in _MONTHS else "en"


def format_date(value: date, locale: str = "en") -> str:
    """``28 November 2026`` (en) or ``28 Νοεμβρίου 2026`` (el)."""
    months = _MONTHS[_language(locale)]
    return f"{value.day} {months[value.month - 1]} {value.year}"


def format_datetime(value: datetime, locale: str = "en") -> str:
    """``14 January 2027, 09:30`` — the time as it is held by *value* (its own time zone)."""
    return f"{format_date(value.date(), locale)}, {value:%H:%M}"


# --------------------------------------------------------------------------------------------
# Context
# --------------------------------------------------------------------------------------------

# Characters Word cannot hold (XML 1.0) or docxtpl would turn into layout (\a, \f, \v).
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _text(value: Any) -> str:
    """A template-safe string: None → '', CRLF → LF, control characters dropped."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _BAD_CHARS.sub("", text).strip()


def _get(record: Mapping[str, Any] | None, key: str) -> str:
    if not record:
        return ""
    return _text(record.get(key))


def _join_names(names: Sequence[str], lang: str) -> str:
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {_AND[lang]} {names[-1]}"


def _normalise_role(role: Any) -> str:
    key = re.sub(r"[^0-9a-z]+", "_", _text(role).lower()).strip("_")
    return _ROLE_SYNONYMS.get(key, key)


def _parse_when(value: Any, what: str) -> date:
    """A date or datetime from a date, datetime or ISO 8601 text."""
    if isinstance(value, date):  # includes datetime
        return value
    if isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            if len(text) <= 10:
                return date.fromisoformat(text)
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    raise ValidationError(f"The {what} {value!r} is not a date.", field=what)


def _sort_key(when: date) -> tuple[date, str]:
    if isinstance(when, datetime):
        return when.date(), when.strftime("%H:%M:%S")
    return when, ""


def _day(when: date) -> date:
    return when.date() if isinstance(when, datetime) else when


_CODE = re.compile(r"[a-z]+(?:_[a-z]+)*")
_CODED_KEYS = frozenset({"practice_area", "status"})


def _label(value: str) -> str:
    """'real_estate' → 'Real estate'; anything that is not a lower-case code is kept."""
    if _CODE.fullmatch(value):
        value = value.replace("_", " ")
        return value[:1].upper() + value[1:]
    return value


_MATTER_KEYS = ("number", "title", "court", "case_number", "judge", "practice_area", "status")
_EMPTY_DEADLINE = {"title": "", "due": "", "due_iso": "", "rule": ""}
_EMPTY_HEARING = {"title": "", "start": "", "start_iso": "", "date": "", "time": "", "location": ""}


def build_context(
    firm: Mapping[str, Any],
    client: Mapping[str, Any],
    matter: Mapping[str, Any],
    parties: Iterable[Mapping[str, Any]],
    attorney: Mapping[str, Any] | None,
    case_manager: Mapping[str, Any] | None,
    deadlines: Iterable[Mapping[str, Any]],
    hearings: Iterable[Mapping[str, Any]],
    locale: str = "en",
    today: date | None = None,
) -> dict[str, Any]:
    """The documented merge context (see :data:`FIELDS`) for one matter.

    Every documented field is present; values that are not recorded are empty strings (lists
    are empty), so a template that mentions an unknown judge renders an empty judge.

    * ``parties``: ``[{"name": …, "role": …}]``; roles are normalised (``"Opposing party"`` →
      ``opposing_party``).
    * ``deadlines``: ``[{"title", "due" (date | ISO text), "rule"?, "done"?}]``; done ones and
      those due before *today* are left out, the rest sorted by due date.
    * ``hearings``: ``[{"title", "start" (datetime | date | ISO text), "location"}]``; those before
      *today* are left out, the rest sorted by start.
    """
    lang = _language(locale)
    today = today or date.today()

    firm_address = _get(firm, "address")
    client_name = _get(client, "name")
    salutation = _get(client, "salutation")
    if not salutation:
        if lang == "el":
            salutation = f"Αγαπητέ/ή {client_name}" if client_name else "Αξιότιμε κύριε/κυρία"
        else:
            salutation = f"Dear {client_name}" if client_name else "Dear Sir or Madam"

    by_role: dict[str, list[str]] = {role: [] for role in PARTY_ROLES}
    for party in parties:
        name = _get(party, "name")
        role = _normalise_role(party.get("role"))
        if name and role:
            by_role.setdefault(role, []).append(name)

    upcoming_deadlines = []
    for item in deadlines:
        if item.get("done"):
            continue
        due = _parse_when(item.get("due"), "deadline due date")
        if _day(due) < today:
            continue
        upcoming_deadlines.append((_sort_key(due), due, item))
    upcoming_deadlines.sort(key=lambda entry: entry[0])
    deadline_list = [
        {
            "title": _get(item, "title"),
            "due": format_date(_day(due), lang),
            "due_iso": _day(due).isoformat(),
            "rule": _get(item, "rule"),
        }
        for _, due, item in upcoming_deadlines
    ]

    upcoming_hearings = []
    for item in hearings:
        start = _parse_when(item.get("start"), "hearing start")
        if _day(start) < today:
            continue
        upcoming_hearings.append((_sort_key(start), start, item))
    upcoming_hearings.sort(key=lambda entry: entry[0])
    hearing_list = []
    for _, start, item in upcoming_hearings:
        has_time = isinstance(start, datetime)
        hearing_list.append(
            {
                "title": _get(item, "title"),
                "start": format_datetime(start, lang) if has_time else format_date(start, lang),
                "start_iso": start.isoformat(),
                "date": format_date(_day(start), lang),
                "time": f"{start:%H:%M}" if has_time else "",
                "location": _get(item, "location"),
            }
        )

    return {
        "firm": {
            "name": _get(firm, "name"),
            "address": firm_address,
            "address_line": ", ".join(
                line.strip().rstrip(",") for line in firm_address.splitlines() if line.strip()
            ),
            "phone": _get(firm, "phone"),
            "email": _get(firm, "email"),
        },
        "today": format_date(today, lang),
        "today_iso": today.isoformat(),
        "locale": lang,
        "client": {
            "name": client_name,
            "address": _get(client, "address"),
            "salutation": salutation,
            "email": _get(client, "email"),
            "phone": _get(client, "phone"),
        },
        "matter": {
            key: _label(_get(matter, key)) if key in _CODED_KEYS else _get(matter, key)
            for key in _MATTER_KEYS
        },
        "parties": by_role,
        "opposing_parties": _join_names(by_role["opposing_party"], lang),
        "opposing_counsel": _join_names(by_role["opposing_counsel"], lang),
        "witnesses": _join_names(by_role["witness"], lang),
        "attorney": {key: _get(attorney, key) for key in ("name", "email", "phone")},
        "case_manager": {key: _get(case_manager, key) for key in ("name", "email", "phone")},
        "deadlines": deadline_list,
        "next_deadline": dict(deadline_list[0] if deadline_list else _EMPTY_DEADLINE),
        "hearings": hearing_list,
        "next_hearing": dict(hearing_list[0] if hearing_list else _EMPTY_HEARING),
    }


# --------------------------------------------------------------------------------------------
# Sandbox
# --------------------------------------------------------------------------------------------

_MAX_SEQUENCE = 100_000  # longest string/list a template may build with '*'
_MAX_EXPONENT = 1_000


class _UnknownField(UndefinedError):
    """An undefined name or attribute met while rendering (carries where it was looked up)."""

    def __init__(self, message: str, obj: Any = missing, name: Any = None) -> None:
        super().__init__(message)
        self.obj = obj
        self.name = name


class _FieldUndefined(StrictUndefined):
    """StrictUndefined whose error remembers the object and name that were looked up."""

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = missing,
        name: str | None = None,
        exc: Any = UndefinedError,
    ) -> None:
        if exc is UndefinedError:

            def exc(message: str, _obj: Any = obj, _name: Any = name) -> _UnknownField:
                return _UnknownField(message, _obj, _name)

        super().__init__(hint, obj, name, exc)


class _Sandbox(ImmutableSandboxedEnvironment):
    """Immutable sandbox without loader; '*' and '**' are bounded."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, int | float) and abs(right) > _MAX_EXPONENT:
                raise SecurityError("the exponent is too large")
        else:
            for seq, count in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | bytes | list | tuple)
                    and isinstance(count, int)
                    and len(seq) * count > _MAX_SEQUENCE
                ):
                    raise SecurityError("the repeated text is too long")
        return super().call_binop(context, operator, left, right)


def _finalize(value: Any) -> Any:
    return "" if value is None else value


def _make_env() -> _Sandbox:
    env = _Sandbox(
        loader=None,
        undefined=_FieldUndefined,
        autoescape=True,
        finalize=_finalize,
        auto_reload=False,
    )
    env.globals.pop("lipsum", None)
    return env


# --------------------------------------------------------------------------------------------
# Reading a template
# --------------------------------------------------------------------------------------------

_FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_PROPERTY_NAMES = ("author", "comments", "identifier", "language", "subject", "title")


@dataclass
class _Source:
    """One piece of the document that docxtpl renders, as the Jinja source it will see."""

    label: str  # "body", "header", "footer", "footnotes", "document title", …
    source: str


def _describe(name: str | None) -> str:
    return f"'{name}'" if name else "The template"


def _load(template: bytes, name: str | None) -> Any:
    """A docxtpl ``DocxTemplate`` for *template* (bytes), loaded; TemplateError if not a .docx."""
    from docxtpl import DocxTemplate

    if not isinstance(template, bytes | bytearray | memoryview):
        raise TypeError("template must be the bytes of a .docx file")
    doc = DocxTemplate(io.BytesIO(bytes(template)))
    try:
        doc.init_docx()
    except Exception as exc:  # zipfile.BadZipFile, KeyError, ValueError, lxml errors, …
        raise TemplateError(f"{_describe(name)} is not a valid Word .docx file.") from exc
    return doc


def _sources(doc: Any) -> list[_Source]:
    """The Jinja sources docxtpl renders, prepared exactly as docxtpl prepares them."""

    def prepared(xml: str) -> str:
        # docxtpl puts each paragraph on its own line before handing the XML to Jinja.
        return re.sub(r"<w:p([ >])", r"\n<w:p\1", doc.patch_xml(xml))

    sources = [_Source("body", prepared(doc.get_xml()))]
    for label, uri in (("header", doc.HEADER_URI), ("footer", doc.FOOTER_URI)):
        for _rel, part in doc.get_headers_footers(uri):
            sources.append(_Source(label, prepared(doc.get_part_xml(part))))
    for part in doc.docx.part.package.parts:
        if part.content_type == _FOOTNOTES_CT:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            sources.append(_Source("footnotes", prepared(blob)))
    props = doc.docx.core_properties
    for prop in _PROPERTY_NAMES:
        value = getattr(props, prop) or ""
        if "{" in value:
            sources.append(_Source(f"document {prop}", value))
    return sources


def _visible_text(xml_line: str) -> str:
    text = re.sub(r"<[^>]+>", "", xml_line)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&amp;", "&")):
        text = text.replace(entity, char)
    return re.sub(r"\s+", " ", text).strip()


def _syntax_error(exc: TemplateSyntaxError, src: _Source, name: str | None) -> TemplateError:
    lines = src.source.splitlines()
    snippet = ""
    if exc.lineno and 0 < exc.lineno <= len(lines):
        snippet = _visible_text(lines[exc.lineno - 1])
    if len(snippet) > 120:
        snippet = snippet[:117] + "…"
    where = f" near “{snippet}”" if snippet else ""
    return TemplateError(
        f"{_describe(name)} has a merge-field syntax error in the {src.label}{where}: "
        f"{exc.message or 'invalid syntax'}."
    )


# --------------------------------------------------------------------------------------------
# Static analysis: which fields does a template use?
# --------------------------------------------------------------------------------------------

Path_ = tuple[str, ...]  # ("deadlines", "[]", "title")

# Filters that return (a selection of) the same sequence, and those that return one element.
_SAME_SHAPE_FILTERS = frozenset(
    {"sort", "reverse", "list", "unique", "select", "reject", "selectattr", "rejectattr", "default"}
)
_ELEMENT_FILTERS = frozenset({"first", "last", "random", "min", "max"})
# Methods a template may call on a group of fields (``parties.items()``).
_CONTAINER_METHODS = frozenset({"items", "keys", "values", "get"})


def _path_text(path: Path_) -> str:
    out = ""
    for seg in path:
        out += seg if seg == "[]" else (f".{seg}" if out else seg)
    return out


@dataclass
class _Use:
    path: Path_  # canonical (loop variables resolved)
    written: str  # as written in the template
    where: str


class _Collector:
    """Walks a Jinja AST and records every field path it reads."""

    def __init__(self, global_names: Iterable[str]) -> None:
        self.globals = frozenset(global_names)
        self.uses: list[_Use] = []
        self.forbidden: list[str] = []
        self.includes: list[str] = []
        self.where = ""

    # statements ---------------------------------------------------------------------------

    def block(self, body: Iterable[nodes.Node], scope: dict[str, Path_ | None]) -> None:
        for stmt in body:
            self.stmt(stmt, scope)

    def bind(self, target: nodes.Node, path: Path_ | None, scope: dict[str, Path_ | None]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = path
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, None, scope)

    def stmt(self, node: nodes.Node, scope: dict[str, Path_ | None]) -> None:
        if isinstance(node, nodes.For):
            iter_path = self.expr(node.iter, scope)
            inner = dict(scope)
            self.bind(node.target, (*iter_path, "[]") if iter_path else None, inner)
            inner["loop"] = None
            if node.test is not None:
                self.expr(node.test, inner)
            self.block(node.body, inner)
            self.block(node.else_, dict(scope))
        elif isinstance(node, nodes.If):
            self.expr(node.test, scope)
            self.block(node.body, scope)
            for branch in node.elif_:
                self.stmt(branch, scope)
            self.block(node.else_, scope)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.expr(node.node, scope), scope)
        elif isinstance(node, nodes.AssignBlock):
            if node.filter is not None:
                self.expr(node.filter, scope)
            self.block(node.body, dict(scope))
            self.bind(node.target, None, scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self.bind(target, self.expr(value, scope), inner)
            self.block(node.body, inner)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            inner = dict(scope)
            for arg in node.args:
                self.bind(arg, None, inner)
            for default in node.defaults:
                self.expr(default, scope)
            inner["caller"] = None
            inner["varargs"] = None
            inner["kwargs"] = None
            if isinstance(node, nodes.CallBlock):
                self.expr(node.call, scope)
            else:
                scope[node.name] = None
            self.block(node.body, inner)
        elif isinstance(node, nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends):
            self.includes.append(type(node).__name__.lower())
        elif isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self.expr(child, scope)
        elif isinstance(node, nodes.Expr):
            self.expr(node, scope)
        else:
            for child in node.iter_child_nodes():
                self.stmt(child, scope)

    # expressions --------------------------------------------------------------------------

    def _forbid(self, name: Any) -> None:
        if isinstance(name, str) and name.startswith("_"):
            self.forbidden.append(name)

    def expr(self, node: nodes.Node, scope: dict[str, Path_ | None]) -> Path_ | None:
        """Visit *node*; return the field path it denotes when it is a plain field reference."""
        if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
            return self._chain(node, scope)
        if isinstance(node, nodes.Filter) and node.name == "attr":
            for arg in node.args:
                if isinstance(arg, nodes.Const):
                    self._forbid(arg.value)
        if isinstance(node, nodes.Filter) and node.node is not None:
            base = self.expr(node.node, scope)
            for child in (*node.args, *(kw.value for kw in node.kwargs)):
                self.expr(child, scope)
            for extra in (node.dyn_args, node.dyn_kwargs):
                if extra is not None:
                    self.expr(extra, scope)
            if base is not None and node.name in _SAME_SHAPE_FILTERS:
                return base
            if base is not None and node.name in _ELEMENT_FILTERS:
                return (*base, "[]")
            return None
        for child in node.iter_child_nodes():
            self.expr(child, scope)
        return None

    def _chain(self, node: nodes.Expr, scope: dict[str, Path_ | None]) -> Path_ | None:
        """A Name/Getattr/Getitem chain: record and return its field path (None if local)."""
        segs: list[tuple[str, str]] = []  # (canonical segment, written segment), innermost last
        cur: nodes.Node = node
        while isinstance(cur, nodes.Getattr | nodes.Getitem):
            if isinstance(cur, nodes.Getattr):
                segs.append((cur.attr, f".{cur.attr}"))
            elif isinstance(cur.arg, nodes.Const) and isinstance(cur.arg.value, str):
                segs.append((cur.arg.value, f".{cur.arg.value}"))
            elif isinstance(cur.arg, nodes.Slice):
                self.expr(cur.arg, scope)
                segs.append(("", "[:]"))
            else:
                self.expr(cur.arg, scope)
                segs.append(("[]", "[]"))
            cur = cur.node
        segs.reverse()
        for seg, _written in segs:
            self._forbid(seg)

        base: Path_ | None
        if isinstance(cur, nodes.Name):
            if cur.ctx != "load":
                return None
            written_root = cur.name
            if cur.name in scope:
                base = scope[cur.name]
            elif cur.name in self.globals:
                base = None
            else:
                base = (cur.name,)
        else:  # e.g. (deadlines|first).title, ''.__class__, foo().bar
            base = self.expr(cur, scope)
            written_root = _path_text(base) if base else ""
        if base is None:
            return None
        path = base + tuple(seg for seg, _ in segs if seg)
        written = written_root + "".join(w for _, w in segs)
        self.uses.append(_Use(path, written, self.where))
        return path


class _Schema:
    """The set of field paths a template may use (and what is a leaf value)."""

    def __init__(self, paths: Iterable[Path_]) -> None:
        known: set[Path_] = set()
        for path in paths:
            for end in range(1, len(path) + 1):
                known.add(path[:end])
        self.known = known
        self.containers = {path[:-1] for path in known if len(path) > 1}

    @classmethod
    def from_fields(cls) -> _Schema:
        return cls(_split_field(f.name) for f in FIELDS)

    @classmethod
    def from_value(cls, value: Any) -> _Schema:
        paths: list[Path_] = []

        def walk(obj: Any, prefix: Path_) -> None:
            if prefix:
                paths.append(prefix)
            if isinstance(obj, Mapping):
                for key, item in obj.items():
                    if isinstance(key, str):
                        walk(item, (*prefix, key))
            elif isinstance(obj, list | tuple):
                for item in obj:
                    walk(item, (*prefix, "[]"))

        walk(value, ())
        return cls(paths)

    def merged(self, other: _Schema) -> _Schema:
        return _Schema(self.known | other.known)

    def resolve(self, path: Path_) -> Path_ | None:
        """The documented field *path* refers to, or None if it is unknown."""
        if path in self.known:
            return path
        for end in range(len(path) - 1, 0, -1):
            prefix = path[:end]
            if prefix in self.known:
                if prefix not in self.containers:
                    return prefix  # a method/attribute of a plain value, e.g. name.upper
                if path[end] in _CONTAINER_METHODS or path[end] == "[]":
                    return prefix  # parties.items(), parties[role] (checked when rendering)
                return None
        return None

    def suggestion(self, path: Path_) -> tuple[int, str] | None:
        """(index of the first unknown segment of *path*, the closest known name there)."""
        end = 0
        while end < len(path) - 1 and path[: end + 1] in self.known:
            end += 1
        prefix = path[:end]
        siblings = sorted(p[end] for p in self.known if len(p) == end + 1 and p[:end] == prefix)
        close = difflib.get_close_matches(path[end], siblings, n=1, cutoff=0.6)
        return (end, close[0]) if close else None


def _split_field(name: str) -> Path_:
    out: list[str] = []
    for part in name.split("."):
        while part.endswith("[]"):
            part = part[:-2]
            out.append(part)
            out.append("[]")
            part = ""
        if part:
            out.append(part)
    return tuple(p for p in out if p)


def _analyse(doc: Any, env: jinja2.Environment, name: str | None) -> _Collector:
    """Parse every part of *doc*; TemplateError on syntax errors."""
    collector = _Collector(env.globals)
    for src in _sources(doc):
        try:
            ast = env.parse(src.source)
        except TemplateSyntaxError as exc:
            raise _syntax_error(exc, src, name) from None
        collector.where = src.label
        collector.block(ast.body, {})
    return collector


def _unknown_field_message(use: _Use, schema: _Schema, name: str | None) -> str:
    message = f"{_describe(name)} uses an unknown field '{use.written}'"
    canonical = _path_text(use.path)
    if canonical != use.written.replace("[:]", ""):
        message += f" ({canonical})"
    if use.where and use.where != "body":
        message += f" in the {use.where}"
    hint = schema.suggestion(use.path)
    if hint is None:
        return message + "."
    index, better = hint
    if index == len(use.path) - 1:
        head, dot, _last = use.written.rpartition(".")
        suggested = f"{head}{dot}{better}"
    elif index == 0:
        suggested = better + use.written[len(use.path[0]) :]
    else:
        suggested = _path_text((*use.path[:index], better, *use.path[index + 1 :]))
    return f"{message}; did you mean '{suggested}'?"


def _problems(collector: _Collector, schema: _Schema, name: str | None) -> list[str]:
    problems: list[str] = []
    if collector.includes:
        problems.append(
            f"{_describe(name)} tries to include or import another template; "
            "templates cannot load other files."
        )
    for attr in dict.fromkeys(collector.forbidden):
        problems.append(
            f"{_describe(name)} tries to use the internal attribute '{attr}', "
            "which templates may not use."
        )
    seen: set[str] = set()
    for use in collector.uses:
        if use.written in seen:
            continue
        seen.add(use.written)
        if schema.resolve(use.path) is None:
            problems.append(_unknown_field_message(use, schema, name))
    return problems


# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------


def template_fields(template: bytes, *, name: str | None = None) -> set[str]:
    """The merge fields *template* uses, as documented names (``client.name``,
    ``deadlines[].title``); names that are not documented are returned as written."""
    doc = _load(template, name)
    env = _make_env()
    collector = _analyse(doc, env, name)
    schema = _Schema.from_fields()
    fields: set[str] = set()
    for use in collector.uses:
        resolved = schema.resolve(use.path)
        fields.add(_path_text(resolved or use.path))
    # docxtpl's own list of top-level names (body, headers, footers) as a safety net.
    try:
        roots = doc.get_undeclared_template_variables(jinja_env=env)
    except TemplateSyntaxError as exc:  # pragma: no cover - _analyse already parsed it
        raise TemplateError(f"{_describe(name)} has a merge-field syntax error: {exc}.") from None
    covered = {field.split(".", 1)[0].split("[", 1)[0] for field in fields}
    fields.update(root for root in roots if root not in covered and root not in env.globals)
    return fields


def validate_template(template: bytes, *, name: str | None = None) -> list[str]:
    """Problems with an uploaded template (empty list when it is fine), without rendering it.

    Reports a file that is not a .docx, merge-field syntax errors, includes/imports, internal
    attributes (``__class__`` …) and fields that are not in :data:`FIELDS`.
    """
    try:
        doc = _load(template, name)
        collector = _analyse(doc, _make_env(), name)
    except TemplateError as exc:
        return [exc.message]
    return _problems(collector, _Schema.from_fields(), name)


def _clean(value: Any) -> Any:
    """A copy of a context with template-safe strings (keeps Markup/RichText untouched)."""
    if isinstance(value, Mapping):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    if type(value) is str:
        return _BAD_CHARS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value


def _locate(context: Mapping[str, Any], obj: Any) -> str | None:
    """Where in *context* the object *obj* lives (for error messages)."""
    stack: list[tuple[Any, Path_]] = [(context, ())]
    while stack:
        cur, path = stack.pop()
        if cur is obj:
            return _path_text(path)
        if isinstance(cur, Mapping):
            stack.extend((item, (*path, str(key))) for key, item in cur.items())
        elif isinstance(cur, list):
            stack.extend((item, (*path, "[]")) for item in cur)
    return None


def render_template(
    template: bytes, context: Mapping[str, Any], *, name: str | None = None
) -> bytes:
    """Fill *template* (the bytes of a .docx) with *context*; return the draft's .docx bytes.

    Works entirely in memory.  *name* (e.g. the file name) is used in error messages only.
    Raises :class:`~casedesk.core.errors.TemplateError` for a file that is not a .docx, a
    merge-field syntax error, a field that is not in *context* (or documented), and anything the
    sandbox refuses.
    """
    doc = _load(template, name)
    env = _make_env()
    context = _clean(context)

    collector = _analyse(doc, env, name)
    schema = _Schema.from_value(context).merged(_Schema.from_fields())
    problems = _problems(collector, schema, name)
    if problems:
        raise TemplateError(problems[0])

    try:
        doc.render(context, jinja_env=env)
        out = io.BytesIO()
        doc.save(out)
    except SecurityError as exc:
        raise TemplateError(
            f"{_describe(name)} tries to do something templates may not do "
            f"({(exc.message or 'sandbox').rstrip('.')})."
        ) from None
    except _UnknownField as exc:
        field = str(exc.name) if exc.name is not None else "?"
        if exc.obj is not missing:
            where = _locate(context, exc.obj)
            field = f"{where}.{field}" if where else field
        raise TemplateError(f"{_describe(name)} uses an unknown field '{field}'.") from None
    except TemplateSyntaxError as exc:  # pragma: no cover - caught by _analyse
        raise TemplateError(f"{_describe(name)} has a merge-field syntax error: {exc}.") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(
            f"{_describe(name)} could not be filled in: {exc.message or type(exc).__name__}."
        ) from None
    except (TypeError, ValueError, ArithmeticError, LookupError, etree.LxmlError) as exc:
        # Errors raised by expressions in the template (e.g. adding text to a number) or by
        # merge tags that break the document's structure.
        raise TemplateError(
            f"{_describe(name)} could not be filled in ({type(exc).__name__}: {exc})."
        ) from None
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# Shipped templates
# --------------------------------------------------------------------------------------------


def shipped_templates_dir() -> Path:
    """Folder holding the templates shipped with casedesk."""
    from casedesk.resources import resource_path

    return resource_path("templates")


def list_shipped_templates() -> dict[str, Path]:
    """``{"engagement_letter": Path(…/engagement_letter.docx), …}`` sorted by name."""
    folder = shipped_templates_dir()
    if not folder.is_dir():
        return {}
    return {
        path.stem: path
        for path in sorted(folder.glob("*.docx"))
        if path.is_file() and not path.name.startswith(("~$", "."))
    }
