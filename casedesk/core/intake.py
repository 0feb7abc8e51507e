"""Client intake: questionnaires as data, drafts that are never lost, and accepting the client.

Questionnaires
--------------
A questionnaire is a TOML file in ``resources/intake/`` (shipped) or in a firm's own folder or
settings (``firm.settings["intake_questionnaires"]``: ``{name: toml text}``; a firm file with the
same ``id`` replaces the shipped one).  ``base.toml`` holds what every intake asks; each practice
area's file ``extends = "base"`` and adds steps after ``insert_after`` (a step whose id is a base
step's adds its questions to that step)::

    id = "family"
    version = 1
    practice_area = "family"
    title = "Family law"
    title_el = "Οικογενειακό δίκαιο"
    extends = "base"
    insert_after = "matter"

    [[steps]]
    id = "family"
    title = "The family"
    title_el = "Η οικογένεια"

    [[steps.questions]]
    id = "family.children"
    label = "Are there children?"
    label_el = "Υπάρχουν παιδιά;"
    type = "yesno"            # text multiline date choice yesno email phone group
    required = true
    help = "Minor children only."
    when = "matter.type != 'divorce' or family.married == true"

``choice`` questions list ``options = [{value, label, label_el}]``; ``group`` questions
(repeatable groups) list their ``fields`` (questions whose ids are local to one item, and whose
conditions may name sibling fields).  Conditions are a tiny language - ``==``, ``!=``, ``and``,
``or``, ``not``, parentheses, answer ids, quoted strings, numbers, ``true``/``false``; a bare id
is true when answered - parsed here, never ``eval``-ed.  Everything is checked when the files are
loaded; errors name the file and the question.

Drafts
------
An intake in progress is one :class:`~casedesk.core.intakemodels.IntakeDraft` row.
:func:`save_answers` merges the given answers into it with one UPDATE and appends one *compact*
audit row (the step, the ids of the answers that changed and a SHA-256 of the new answers), not
the old and new answers documents: the GUI saves about a second after each pause in typing, and
copying a 20 kB answers document twice into the append-only audit trail on every save would grow
it by megabytes per intake.  The digest chain still lets anyone prove which answers were stored
at a given save; the full answers are audited when the draft is created and when it is accepted
or declined (as the client, matter, parties… rows, or the decline record).
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from casedesk.core import audit
from casedesk.core import validate as v
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import CasedeskError, NotFound, ValidationError
from casedesk.core.intakemodels import ConflictCheck, IntakeDraft
from casedesk.core.models import (
    Contact,
    ContactKind,
    Deadline,
    Event,
    Matter,
    MatterParty,
    MatterStatus,
    Task,
)
from casedesk.core.permissions import Right
from casedesk.core.services.common import get_or_404, user_id_for

QUESTION_TYPES = frozenset(
    {"text", "multiline", "date", "choice", "yesno", "email", "phone", "group"}
)
_TYPE_ALIASES = {"yes/no": "yesno", "yes_no": "yesno", "boolean": "yesno",
                 "repeatable": "group", "repeatable group": "group", "repeatable_group": "group"}
DRAFT_STATUSES = ("draft", "accepted", "declined", "discarded")
BASE_ID = "base"
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[0-9 ()./-]{5,30}$")


class QuestionnaireError(CasedeskError):
    """A questionnaire file is malformed (the message names the file and the question)."""


class ConditionError(CasedeskError):
    """A ``when`` condition cannot be parsed."""


# ================================================================================================
# Conditions
# ================================================================================================

_TOKEN_RE = re.compile(
    r"\s*(?:(?P<op>==|!=|\(|\))|'(?P<sq>[^']*)'|\"(?P<dq>[^\"]*)\""
    r"|(?P<num>-?\d+(?:\.\d+)?)|(?P<word>[A-Za-z_][A-Za-z0-9_.]*))"
)
_KEYWORDS = {"and", "or", "not", "true", "false"}


def _tokenize(source: str) -> list[tuple[str, Any]]:
    tokens: list[tuple[str, Any]] = []
    pos = 0
    source = source.rstrip()
    while pos < len(source):
        m = _TOKEN_RE.match(source, pos)
        if m is None or m.end() == pos:
            raise ConditionError(f"unexpected text at '{source[pos:].strip()[:20]}'")
        pos = m.end()
        if m.group("op"):
            tokens.append(("op", m.group("op")))
        elif m.group("sq") is not None:
            tokens.append(("lit", m.group("sq")))
        elif m.group("dq") is not None:
            tokens.append(("lit", m.group("dq")))
        elif m.group("num") is not None:
            num = m.group("num")
            tokens.append(("lit", float(num) if "." in num else int(num)))
        else:
            word = m.group("word")
            if word in ("true", "false"):
                tokens.append(("lit", word == "true"))
            elif word in _KEYWORDS:
                tokens.append(("kw", word))
            else:
                tokens.append(("ref", word))
    return tokens


class Condition:
    """A parsed ``when`` condition.  ``refs`` are the answer ids it reads."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._tokens = _tokenize(source)
        self._pos = 0
        if not self._tokens:
            raise ConditionError("the condition is empty")
        self.refs: set[str] = set()
        self._tree = self._or()
        if self._pos != len(self._tokens):
            raise ConditionError(f"unexpected '{self._tokens[self._pos][1]}'")
        del self._tokens

    # -- parser (recursive descent) --
    def _peek(self) -> tuple[str, Any] | None:
        return self._tokens[self._pos] if self._pos < len(self._tokens) else None

    def _take(self) -> tuple[str, Any]:
        tok = self._peek()
        if tok is None:
            raise ConditionError("the condition ends too early")
        self._pos += 1
        return tok

    def _or(self) -> tuple[Any, ...]:
        node = self._and()
        while self._peek() == ("kw", "or"):
            self._pos += 1
            node = ("or", node, self._and())
        return node

    def _and(self) -> tuple[Any, ...]:
        node = self._not()
        while self._peek() == ("kw", "and"):
            self._pos += 1
            node = ("and", node, self._not())
        return node

    def _not(self) -> tuple[Any, ...]:
        if self._peek() == ("kw", "not"):
            self._pos += 1
            return ("not", self._not())
        return self._compare()

    def _compare(self) -> tuple[Any, ...]:
        if self._peek() == ("op", "("):
            self._pos += 1
            node = self._or()
            if self._take() != ("op", ")"):
                raise ConditionError("a '(' is not closed")
            return node
        left = self._operand()
        tok = self._peek()
        if tok in (("op", "=="), ("op", "!=")):
            self._pos += 1
            right = self._operand()
            return ("eq" if tok == ("op", "==") else "ne", left, right)
        return ("truth", left)

    def _operand(self) -> tuple[str, Any]:
        kind, value = self._take()
        if kind == "ref":
            self.refs.add(value)
            return ("ref", value)
        if kind == "lit":
            return ("lit", value)
        raise ConditionError(f"expected an answer id or a value, found '{value}'")

    # -- evaluation --
    def evaluate(self, answers: Mapping[str, Any], local: Mapping[str, Any] | None = None) -> bool:
        """Whether the condition holds for *answers* (*local*: a group item's own answers)."""
        return bool(self._eval(self._tree, answers, local or {}))

    def _eval(self, node: tuple[Any, ...], answers: Mapping[str, Any],
              local: Mapping[str, Any]) -> Any:
        op = node[0]
        if op == "or":
            return self._eval(node[1], answers, local) or self._eval(node[2], answers, local)
        if op == "and":
            return self._eval(node[1], answers, local) and self._eval(node[2], answers, local)
        if op == "not":
            return not self._eval(node[1], answers, local)
        if op == "truth":
            return _answered(self._value(node[1], answers, local))
        if op in ("eq", "ne"):
            a = self._value(node[1], answers, local)
            b = self._value(node[2], answers, local)
            same = _loose_equal(a, b)
            return same if op == "eq" else not same
        raise AssertionError(op)  # pragma: no cover

    @staticmethod
    def _value(operand: tuple[str, Any], answers: Mapping[str, Any],
               local: Mapping[str, Any]) -> Any:
        kind, value = operand
        if kind == "lit":
            return value
        if value in local:
            return local[value]
        return answers.get(value)

    def __repr__(self) -> str:
        return f"Condition({self.source!r})"


def _loose_equal(a: Any, b: Any) -> bool:
    yes_no = {"yes": True, "no": False, "true": True, "false": False}
    if isinstance(a, bool) and isinstance(b, str):
        return yes_no.get(b.lower()) is a
    if isinstance(b, bool) and isinstance(a, str):
        return yes_no.get(a.lower()) is b
    if a is None:
        a = ""
    if b is None:
        b = ""
    return bool(a == b)


def _answered(value: Any) -> bool:
    if value is None or value is False:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)
    return True


# ================================================================================================
# Questionnaires
# ================================================================================================


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    label_el: str


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    label_el: str
    type: str
    required: bool = False
    help: str = ""
    help_el: str = ""
    when: Condition | None = None
    options: tuple[Option, ...] = ()
    fields: tuple[Question, ...] = ()  # a group's fields

    def label_for(self, locale: str = "en") -> str:
        return self.label_el if locale.startswith("el") and self.label_el else self.label


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    title_el: str
    questions: tuple[Question, ...]
    when: Condition | None = None


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: int
    practice_area: str | None  # None: usable for any practice area (the base)
    title: str
    title_el: str
    steps: tuple[Step, ...]
    source: str = ""
    _by_id: dict[str, tuple[Step, Question]] = field(default_factory=dict, compare=False,
                                                     repr=False)

    def question(self, qid: str) -> Question:
        return self._by_id[qid][1]

    def step_of(self, qid: str) -> Step:
        return self._by_id[qid][0]

    def question_ids(self) -> list[str]:
        return list(self._by_id)

    def step_ids(self) -> list[str]:
        return [s.id for s in self.steps]


@dataclass
class _Raw:
    data: dict[str, Any]
    source: str  # file name (or "firm questionnaire 'x'") for messages


def shipped_dir() -> Path:
    """Folder holding the shipped questionnaires."""
    from casedesk.resources import resource_path

    return resource_path("intake")


def _parse_toml(text: str, source: str) -> _Raw:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise QuestionnaireError(f"{source} is not valid TOML ({exc}).") from None
    return _Raw(data, source)


def _read_dir(folder: Path) -> list[_Raw]:
    out = []
    for path in sorted(folder.glob("*.toml")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QuestionnaireError(f"{path.name} cannot be read ({exc}).") from None
        out.append(_parse_toml(text, path.name))
    return out


@cache
def _shipped_raw() -> tuple[_Raw, ...]:
    return tuple(_read_dir(shipped_dir()))


def _text(data: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise QuestionnaireError(f"{where}: '{key}' must be text.")
    if required and not value.strip():
        raise QuestionnaireError(f"{where}: '{key}' is missing.")
    return value.strip()


def _condition(data: Mapping[str, Any], where: str) -> Condition | None:
    source = data.get("when")
    if source is None:
        return None
    if not isinstance(source, str):
        raise QuestionnaireError(f"{where}: 'when' must be text.")
    try:
        return Condition(source)
    except ConditionError as exc:
        raise QuestionnaireError(f"{where}: the condition '{source}' is invalid ({exc}).") from None


_QUESTION_KEYS = {"id", "label", "label_el", "type", "required", "help", "help_el", "when",
                  "options", "fields"}


def _question(data: Any, src: str, *, in_group: str | None = None) -> Question:
    if not isinstance(data, dict):
        raise QuestionnaireError(f"{src}: a question must be a table.")
    qid = data.get("id")
    if not isinstance(qid, str) or not _ID_RE.match(qid):
        raise QuestionnaireError(
            f"{src}: a question has a missing or invalid id {qid!r} (use lower-case letters, "
            "digits, '_' and dots).")
    where = f"{src}, question '{in_group + '.' if in_group else ''}{qid}'"
    unknown = set(data) - _QUESTION_KEYS
    if unknown:
        raise QuestionnaireError(f"{where}: unknown key '{sorted(unknown)[0]}'.")
    qtype = str(data.get("type", "text")).strip().lower()
    qtype = _TYPE_ALIASES.get(qtype, qtype)
    if qtype not in QUESTION_TYPES:
        raise QuestionnaireError(
            f"{where}: unknown type '{data.get('type')}' (types: "
            f"{', '.join(sorted(QUESTION_TYPES))}).")
    required = data.get("required", False)
    if not isinstance(required, bool):
        raise QuestionnaireError(f"{where}: 'required' must be true or false.")
    options: list[Option] = []
    if qtype == "choice":
        raw_options = data.get("options")
        if not isinstance(raw_options, list) or not raw_options:
            raise QuestionnaireError(f"{where}: a choice question needs 'options'.")
        for opt in raw_options:
            if isinstance(opt, str):
                options.append(Option(opt, opt, opt))
            elif isinstance(opt, dict) and isinstance(opt.get("value"), str):
                label = str(opt.get("label") or opt["value"])
                options.append(Option(opt["value"], label, str(opt.get("label_el") or label)))
            else:
                raise QuestionnaireError(f"{where}: each option needs a 'value'.")
        values = [o.value for o in options]
        if len(set(values)) != len(values):
            raise QuestionnaireError(f"{where}: an option value is listed twice.")
    elif "options" in data:
        raise QuestionnaireError(f"{where}: only choice questions have 'options'.")
    fields: list[Question] = []
    if qtype == "group":
        if in_group:
            raise QuestionnaireError(f"{where}: groups cannot be nested.")
        raw_fields = data.get("fields")
        if not isinstance(raw_fields, list) or not raw_fields:
            raise QuestionnaireError(f"{where}: a group needs 'fields'.")
        fields = [_question(f, src, in_group=qid) for f in raw_fields]
        ids = [f.id for f in fields]
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise QuestionnaireError(f"{where}: the field '{dup}' is listed twice.")
    elif "fields" in data:
        raise QuestionnaireError(f"{where}: only group questions have 'fields'.")
    label = _text(data, "label", where, required=True)
    return Question(
        id=qid, label=label, label_el=_text(data, "label_el", where) or label, type=qtype,
        required=required, help=_text(data, "help", where), help_el=_text(data, "help_el", where),
        when=_condition(data, where), options=tuple(options), fields=tuple(fields),
    )


def _steps(raw: _Raw) -> list[Step]:
    steps_data = raw.data.get("steps", [])
    if not isinstance(steps_data, list):
        raise QuestionnaireError(f"{raw.source}: 'steps' must be a list of tables.")
    steps = []
    for sd in steps_data:
        if not isinstance(sd, dict) or not isinstance(sd.get("id"), str) \
                or not _ID_RE.match(sd["id"]):
            raise QuestionnaireError(f"{raw.source}: a step has a missing or invalid 'id'.")
        where = f"{raw.source}, step '{sd['id']}'"
        questions = sd.get("questions", [])
        if not isinstance(questions, list):
            raise QuestionnaireError(f"{where}: 'questions' must be a list of tables.")
        steps.append(Step(
            id=sd["id"], title=_text(sd, "title", where, required=True),
            title_el=_text(sd, "title_el", where) or _text(sd, "title", where),
            questions=tuple(_question(q, raw.source) for q in questions),
            when=_condition(sd, where),
        ))
    return steps


def _merge(base: list[Step], own: list[Step], insert_after: str | None, source: str
           ) -> list[Step]:
    steps = list(base)
    base_ids = [s.id for s in steps]
    if insert_after is not None and insert_after not in base_ids:
        raise QuestionnaireError(
            f"{source}: 'insert_after' names the step '{insert_after}', which the base "
            "questionnaire does not have.")
    pos = base_ids.index(insert_after) + 1 if insert_after else len(steps)
    for step in own:
        if step.id in base_ids:
            i = [s.id for s in steps].index(step.id)
            old = steps[i]
            steps[i] = Step(old.id, old.title, old.title_el, old.questions + step.questions,
                            old.when)
        else:
            steps.insert(pos, step)
            pos += 1
    return steps


def _build(raw: _Raw, by_id: Mapping[str, _Raw], seen: tuple[str, ...] = ()) -> Questionnaire:
    data, src = raw.data, raw.source
    known = {"id", "version", "practice_area", "title", "title_el", "extends", "insert_after",
             "steps"}
    unknown = set(data) - known
    if unknown:
        raise QuestionnaireError(f"{src}: unknown key '{sorted(unknown)[0]}'.")
    qid = data.get("id")
    if not isinstance(qid, str) or not _ID_RE.match(qid):
        raise QuestionnaireError(f"{src}: the questionnaire needs an 'id' (lower-case letters, "
                                 "digits and '_').")
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise QuestionnaireError(f"{src}: 'version' must be a whole number from 1.")
    area = data.get("practice_area")
    if area is not None and not isinstance(area, str):
        raise QuestionnaireError(f"{src}: 'practice_area' must be text.")
    steps = _steps(raw)
    parent = data.get("extends")
    if parent is not None:
        if parent in seen or parent == qid:
            raise QuestionnaireError(f"{src}: 'extends' goes round in a circle ({parent}).")
        if parent not in by_id:
            raise QuestionnaireError(f"{src}: it extends '{parent}', which does not exist.")
        base = _build(by_id[parent], by_id, (*seen, qid))
        insert_after = data.get("insert_after")
        if insert_after is not None and not isinstance(insert_after, str):
            raise QuestionnaireError(f"{src}: 'insert_after' must be a step id.")
        steps = _merge(list(base.steps), steps, insert_after, src)
    if not steps:
        raise QuestionnaireError(f"{src}: the questionnaire has no steps.")
    index: dict[str, tuple[Step, Question]] = {}
    step_ids: set[str] = set()
    for step in steps:
        if step.id in step_ids:
            raise QuestionnaireError(f"{src}: the step '{step.id}' is listed twice.")
        step_ids.add(step.id)
        for q in step.questions:
            if q.id in index:
                raise QuestionnaireError(f"{src}, question '{q.id}': the id is used twice.")
            index[q.id] = (step, q)
    # Conditions may only name questions that exist (group fields: also their siblings).
    for step in steps:
        for ref in sorted(step.when.refs if step.when else ()):
            if ref not in index:
                raise QuestionnaireError(
                    f"{src}, step '{step.id}': the condition names '{ref}', which is not a "
                    "question.")
        for q in step.questions:
            for ref in sorted(q.when.refs if q.when else ()):
                if ref not in index:
                    raise QuestionnaireError(
                        f"{src}, question '{q.id}': the condition names '{ref}', which is not "
                        "a question.")
            siblings = {f.id for f in q.fields}
            for f in q.fields:
                for ref in sorted(f.when.refs if f.when else ()):
                    if ref not in index and ref not in siblings:
                        raise QuestionnaireError(
                            f"{src}, question '{q.id}.{f.id}': the condition names '{ref}', "
                            "which is not a question.")
    title = _text(data, "title", src, required=True)
    return Questionnaire(
        id=qid, version=version, practice_area=area, title=title,
        title_el=_text(data, "title_el", src) or title, steps=tuple(steps), source=src,
        _by_id=index,
    )


def load_questionnaires(
    *, firm_dir: str | Path | None = None, firm_texts: Mapping[str, str] | None = None,
    include_shipped: bool = True,
) -> dict[str, Questionnaire]:
    """The questionnaires, keyed by id: the shipped ones, then a firm folder's ``*.toml`` files,
    then firm questionnaires kept as text (``{name: toml}``); a later one with the same id
    replaces an earlier one.  Raises :class:`QuestionnaireError` naming the file and question."""
    raws: list[_Raw] = list(_shipped_raw()) if include_shipped else []
    if firm_dir is not None:
        folder = Path(firm_dir)
        if not folder.is_dir():
            raise QuestionnaireError(f"The questionnaire folder {folder} does not exist.")
        raws.extend(_read_dir(folder))
    for name, text in (firm_texts or {}).items():
        raws.append(_parse_toml(text, f"firm questionnaire '{name}'"))
    by_id: dict[str, _Raw] = {}
    for raw in raws:
        qid = raw.data.get("id")
        if not isinstance(qid, str) or not qid:
            raise QuestionnaireError(f"{raw.source}: the questionnaire needs an 'id'.")
        by_id[qid] = raw
    return {qid: _build(raw, by_id) for qid, raw in by_id.items()}


def questionnaires(cf: CaseFile) -> dict[str, Questionnaire]:
    """The questionnaires this firm uses (shipped plus the firm's own, from its settings:
    ``intake_dir`` a folder, ``intake_questionnaires`` ``{name: toml text}``)."""
    settings = cf.firm().settings or {}
    texts = settings.get("intake_questionnaires") or {}
    if not isinstance(texts, dict):
        raise QuestionnaireError("The firm's intake questionnaires setting is not a table.")
    return load_questionnaires(firm_dir=settings.get("intake_dir") or None, firm_texts=texts)


def questionnaire_for(cf: CaseFile, practice_area: str) -> Questionnaire:
    """The questionnaire for a practice area (the base one when the area has none)."""
    found = questionnaires(cf)
    for q in found.values():
        if q.practice_area == practice_area:
            return q
    if BASE_ID in found:
        return found[BASE_ID]
    raise NotFound(f"There is no intake questionnaire for '{practice_area}'.")


# ================================================================================================
# Validation of answers
# ================================================================================================


@dataclass(frozen=True)
class Problem:
    step: str
    question: str
    message: str


def visible(q: Question | Step, answers: Mapping[str, Any],
            local: Mapping[str, Any] | None = None) -> bool:
    """Whether a question (or step) is asked, given the answers so far."""
    return q.when is None or q.when.evaluate(answers, local)


def _check_value(q: Question, value: Any, label: str) -> str | None:
    if not isinstance(value, bool) and not _answered(value):  # "no" is an answer
        return f"{label} is required." if q.required else None
    if q.type in ("text", "multiline", "email", "phone", "date", "choice") \
            and not isinstance(value, str):
        return f"{label} must be text."
    if q.type == "date":
        try:
            date.fromisoformat(value.strip())
        except ValueError:
            return f"{label} must be a date (YYYY-MM-DD)."
    elif q.type == "email" and not _EMAIL_RE.match(value.strip()):
        return f"{label} is not an e-mail address."
    elif q.type == "phone" and not _PHONE_RE.match(value.strip()):
        return f"{label} is not a telephone number."
    elif q.type == "choice" and value not in {o.value for o in q.options}:
        return f"{label}: '{value}' is not one of the choices."
    elif q.type == "yesno" and not isinstance(value, bool):
        return f"{label} must be yes or no."
    elif q.type == "group" and not isinstance(value, list):
        return f"{label} must be a list of entries."
    return None


def validate_answers(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> list[Problem]:
    """Problems with *answers*: required questions unanswered, values of the wrong form.
    Questions (and steps) whose condition is false are not checked."""
    problems: list[Problem] = []
    for step in questionnaire.steps:
        if not visible(step, answers):
            continue
        for q in step.questions:
            if not visible(q, answers):
                continue
            value = answers.get(q.id)
            msg = _check_value(q, value, q.label)
            if msg:
                problems.append(Problem(step.id, q.id, msg))
                continue
            if q.type != "group" or not value:
                continue
            for i, item in enumerate(value):
                if not isinstance(item, dict):
                    problems.append(Problem(step.id, f"{q.id}[{i}]",
                                            f"{q.label} #{i + 1} must be a set of answers."))
                    continue
                for f in q.fields:
                    if not visible(f, answers, item):
                        continue
                    msg = _check_value(f, item.get(f.id), f"{q.label} #{i + 1}: {f.label}")
                    if msg:
                        problems.append(Problem(step.id, f"{q.id}[{i}].{f.id}", msg))
    return problems


def validate(draft: IntakeDraft, questionnaire: Questionnaire | None = None) -> list[Problem]:
    """Problems with a draft's answers (against its questionnaire; when none is given, the
    shipped questionnaire of that id)."""
    if questionnaire is None:
        found = load_questionnaires()
        if draft.questionnaire_id not in found:
            raise NotFound(f"There is no intake questionnaire '{draft.questionnaire_id}'.")
        questionnaire = found[draft.questionnaire_id]
    return validate_answers(questionnaire, draft.answers or {})


# ================================================================================================
# Drafts
# ================================================================================================


def _digest(answers: Mapping[str, Any]) -> str:
    return hashlib.sha256(
        json.dumps(answers, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        .encode("utf-8")).hexdigest()


def _label(answers: Mapping[str, Any]) -> str:
    name = answers.get("client.name")
    return name.strip()[:300] if isinstance(name, str) else ""


def _clean_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(answers, Mapping):
        raise ValidationError("The answers must be a table of question ids and values.",
                              field="answers")
    out = {}
    for key, value in answers.items():
        if not isinstance(key, str) or not key.strip():
            raise ValidationError("Every answer needs a question id.", field="answers")
        out[key] = value
    try:
        json.dumps(out, ensure_ascii=False)
    except (TypeError, ValueError):
        raise ValidationError(
            "The answers can only hold text, numbers, yes/no, lists and tables.",
            field="answers") from None
    return out


def start_draft(cf: CaseFile, practice_area: str, *, answers: Mapping[str, Any] | None = None,
                questionnaire: Questionnaire | None = None) -> IntakeDraft:
    """Start a new intake for a practice area (one of the firm's)."""
    cf.require(Right.EDIT, "take in clients")
    firm = cf.firm()
    if practice_area not in (firm.practice_areas or []):
        raise ValidationError(
            f"'{practice_area}' is not one of the firm's practice areas "
            f"({', '.join(firm.practice_areas or [])}).", field="practice_area")
    q = questionnaire or questionnaire_for(cf, practice_area)
    data = _clean_answers(answers or {})
    with cf.write() as s:
        draft = IntakeDraft(
            practice_area=practice_area, questionnaire_id=q.id, questionnaire_version=q.version,
            label=_label(data), answers=data, current_step=q.steps[0].id, status="draft",
            created_by=cf.user.username, updated_by=cf.user.username,
        )
        s.add(draft)
    return draft


def save_answers(cf: CaseFile, draft_id: str, answers: Mapping[str, Any],
                 step: str | None = None) -> list[str]:
    """Merge *answers* into a draft (a value of ``None`` removes that answer) and remember the
    current *step*.  One UPDATE plus one compact audit row; returns the ids that changed (an
    unchanged save writes nothing)."""
    cf.require(Right.EDIT, "take in clients")
    data = _clean_answers(answers)
    if step is not None and (not isinstance(step, str) or len(step) > 100):
        raise ValidationError("The step must be a step id.", field="step")
    table = IntakeDraft.__table__
    with cf.write() as s:
        conn = s.connection()
        row = conn.execute(
            select(table.c.answers, table.c.status, table.c.current_step, table.c.rev)
            .where(table.c.id == draft_id)).first()
        if row is None:
            raise NotFound(f"There is no intake draft with id {draft_id}.")
        if row.status != "draft":
            raise ValidationError(f"This intake was {row.status}; its answers can no longer "
                                  "change.")
        merged = dict(row.answers or {})
        changed = []
        for key, value in data.items():
            if value is None:
                if key in merged:
                    del merged[key]
                    changed.append(key)
            elif merged.get(key, _MISSING) != value:
                merged[key] = value
                changed.append(key)
        new_step = step if step is not None else row.current_step
        if not changed and new_step == row.current_step:
            return []
        conn.execute(
            update(table).where(table.c.id == draft_id).values(
                answers=merged, current_step=new_step, label=_label(merged),
                updated_by=cf.user.username, updated_at=datetime.now(UTC),
                device_id=cf.device_id, rev=row.rev + 1))
        shown = ", ".join(sorted(changed)[:20]) + (" …" if len(changed) > 20 else "")
        note = (f"answers saved at step '{new_step}'; changed: {shown or 'none'}; "
                f"sha256 {_digest(merged)}")
        audit.record_event(s, "intake_draft", draft_id, "update", note, field="answers")
    return sorted(changed)


_MISSING = object()


@dataclass(frozen=True)
class DraftSummary:
    id: str
    label: str
    practice_area: str
    questionnaire_id: str
    status: str
    current_step: str | None
    created_by: str
    updated_by: str
    created_at: datetime
    updated_at: datetime
    matter_id: str | None


def list_drafts(cf: CaseFile, *, status: str | None = "draft") -> list[DraftSummary]:
    """Intakes, newest change first (``status=None``: every status).  Does not load answers."""
    cf.require(Right.VIEW, "see intakes")
    if status is not None and status not in DRAFT_STATUSES:
        raise ValidationError(f"'{status}' is not an intake status "
                              f"({', '.join(DRAFT_STATUSES)}).", field="status")
    t = IntakeDraft
    stmt = select(t.id, t.label, t.practice_area, t.questionnaire_id, t.status, t.current_step,
                  t.created_by, t.updated_by, t.created_at, t.updated_at, t.matter_id
                  ).order_by(t.updated_at.desc(), t.id)
    if status is not None:
        stmt = stmt.where(t.status == status)
    with cf.read() as s:
        return [DraftSummary(*row) for row in s.execute(stmt)]


def get_draft(cf: CaseFile, draft_id: str) -> IntakeDraft:
    """A draft with all its answers (to resume it)."""
    cf.require(Right.VIEW, "see intakes")
    with cf.read() as s:
        return get_or_404(s, IntakeDraft, draft_id, "intake draft")


def discard(cf: CaseFile, draft_id: str, reason: str | None = None) -> IntakeDraft:
    """Discard a draft (kept, marked discarded, audited)."""
    cf.require(Right.EDIT, "discard intakes")
    with cf.write() as s:
        draft = get_or_404(s, IntakeDraft, draft_id, "intake draft")
        if draft.status != "draft":
            raise ValidationError(f"This intake was already {draft.status}.")
        draft.status = "discarded"
        draft.decision_reason = v.text(reason, "reason")
        draft.decided_by = cf.user.username
        draft.decided_at = datetime.now(UTC)
        draft.updated_by = cf.user.username
    return draft


def attach_file(cf: CaseFile, draft_id: str, filename: str, data: bytes) -> dict[str, Any]:
    """Keep a file the client brought with the draft (attached to the matter on acceptance).
    Returns ``{"id", "filename", "sha256", "size"}``; answers refer to it by ``id``."""
    from casedesk.core.ids import new_id
    from casedesk.core.services import documents

    cf.require(Right.EDIT, "take in clients")
    prepared = documents.prepare(filename, data)
    with cf.write() as s:
        draft = get_or_404(s, IntakeDraft, draft_id, "intake draft")
        if draft.status != "draft":
            raise ValidationError(f"This intake was {draft.status}; files can no longer be "
                                  "added.")
        documents.put_blob(s, prepared.data, prepared.sha256)
        item = {"id": new_id(), "filename": prepared.filename, "sha256": prepared.sha256,
                "size": len(prepared.data)}
        draft.attachments = [*draft.attachments, item]
        draft.updated_by = cf.user.username
    return item


# ================================================================================================
# Names an intake puts to the conflict check
# ================================================================================================


def _items(answers: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    value = answers.get(key)
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def _s(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def conflict_names(answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """``[{"name", "role", "kind"}]``: the prospective client and every adverse party."""
    out: list[dict[str, Any]] = []
    client = _s(answers.get("client.name"))
    if client:
        out.append({"name": client, "role": "client",
                    "kind": _s(answers.get("client.kind")) or None})
    for item in _items(answers, "parties.opposing"):
        if _s(item.get("name")):
            out.append({"name": _s(item["name"]), "role": "opposing_party",
                        "kind": _s(item.get("kind")) or None})
    for item in _items(answers, "parties.counsel"):
        if _s(item.get("name")):
            out.append({"name": _s(item["name"]), "role": "opposing_counsel", "kind": "person"})
        if _s(item.get("firm")):
            out.append({"name": _s(item["firm"]), "role": "opposing_counsel",
                        "kind": "organisation"})
    return out


def run_conflict_check(cf: CaseFile, draft_id: str) -> ConflictCheck:
    """Check the draft's client and adverse parties; the new check becomes the draft's."""
    from casedesk.core import conflicts

    cf.require(Right.EDIT, "run conflict checks")
    draft = get_draft(cf, draft_id)
    if draft.status != "draft":
        raise ValidationError(f"This intake was {draft.status}; it cannot be checked again.")
    names = conflict_names(draft.answers or {})
    if not names:
        raise ValidationError("Enter the client's name before running the conflict check.",
                              field="client.name")
    hits = conflicts.check_names(cf, [(n["name"], n["kind"], n["role"]) for n in names],
                                 exclude_intake_id=draft_id)
    with cf.write() as s:
        check = ConflictCheck(
            subject="intake", intake_id=draft_id, names=names,
            hits=[h.to_dict() for h in hits], checked_by=cf.user.username,
            checked_at=datetime.now(UTC),
        )
        s.add(check)
        s.flush()
        row = get_or_404(s, IntakeDraft, draft_id, "intake draft")
        row.conflict_check_id = check.id
    return check


# ================================================================================================
# Decline and accept
# ================================================================================================


def decline(cf: CaseFile, draft_id: str, reason: str) -> IntakeDraft:
    """Decline the prospective client: no client is created, the intake is kept (its names are
    found by later conflict checks)."""
    cf.require(Right.EDIT, "decline clients")
    reason_text = v.text(reason, "reason", required=True)
    with cf.write() as s:
        draft = get_or_404(s, IntakeDraft, draft_id, "intake draft")
        if draft.status != "draft":
            raise ValidationError(f"This intake was already {draft.status}.")
        draft.status = "declined"
        draft.decision = "declined"
        draft.decision_reason = reason_text
        draft.decided_by = cf.user.username
        draft.decided_at = datetime.now(UTC)
        draft.updated_by = cf.user.username
        audit.record_event(
            s, "intake_draft", draft.id, "note",
            f"declined; answers sha256 {_digest(draft.answers or {})}; names: "
            + json.dumps([n["name"] for n in conflict_names(draft.answers or {})],
                         ensure_ascii=False))
    return draft


@dataclass
class Acceptance:
    """What accepting an intake created."""

    draft_id: str
    client_id: str
    matter_id: str
    matter_number: str
    party_ids: list[str] = field(default_factory=list)
    deadline_ids: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    task_ids: list[str] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)
    draft_document_ids: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_PARTY_GROUPS = (("parties.opposing", "opposing_party"), ("parties.counsel", "opposing_counsel"),
                 ("parties.others", None))
_OTHER_ROLES = {"witness", "expert", "co_counsel", "other"}


def _require_cleared(s: Session, draft: IntakeDraft) -> ConflictCheck:
    if not draft.conflict_check_id:
        raise ValidationError("Run the conflict check before accepting the client.")
    check = s.get(ConflictCheck, draft.conflict_check_id)
    if check is None:
        raise ValidationError("Run the conflict check before accepting the client.")
    if check.decision is None:
        raise ValidationError("The conflict check has not been decided yet: clear it, waive it "
                              "or decline the client.")
    if check.decision == "declined":
        raise ValidationError("The conflict check was declined; this client cannot be accepted.")
    current = conflict_names(draft.answers or {})
    if sorted((n["name"], n["role"]) for n in current) != sorted(
            (n["name"], n["role"]) for n in check.names):
        raise ValidationError("The client or the other side changed after the conflict check; "
                              "run it again.")
    return check


def _contact_notes(answers: Mapping[str, Any]) -> str | None:
    lines = []
    for key, label in (("client.registration_number", "Registration number"),
                       ("client.tax_id", "Tax id"), ("client.id_number", "Identity document"),
                       ("client.date_of_birth", "Date of birth"),
                       ("client.contact_person", "Contact person"),
                       ("client.channel", "Preferred contact channel")):
        if _s(answers.get(key)):
            lines.append(f"{label}: {_s(answers[key])}")
    return "\n".join(lines) or None


def _description(answers: Mapping[str, Any], q: Questionnaire) -> str | None:
    parts = []
    if _s(answers.get("matter.narrative")):
        parts.append(_s(answers["matter.narrative"]))
    dates = [f"{_s(i.get('date'))} - {_s(i.get('what'))}"
             for i in _items(answers, "matter.key_dates") if _s(i.get("date"))]
    if dates:
        parts.append("Key dates:\n" + "\n".join(dates))
    if _s(answers.get("matter.places")):
        parts.append(f"Places: {_s(answers['matter.places'])}")
    # Practice-area answers (everything outside the base's well-known ids) go in as Q&A.
    extra = []
    for step in q.steps:
        for question in step.questions:
            if question.type == "group" or question.id.split(".")[0] in (
                    "client", "matter", "parties", "deadlines", "documents", "fees",
                    "consent"):
                continue
            value = answers.get(question.id)
            if _answered(value):
                shown = ("yes" if value else "no") if isinstance(value, bool) else str(value)
                extra.append(f"{question.label} {shown}")
    if extra:
        parts.append("\n".join(extra))
    fee = _s(answers.get("fees.arrangement"))
    if fee:
        parts.append(f"Fee arrangement: {fee}"
                     + (f" ({_s(answers.get('fees.notes'))})" if _s(answers.get("fees.notes"))
                        else ""))
    return "\n\n".join(parts) or None


def accept(
    cf: CaseFile, draft_id: str, *, status: str = "open", responsible: str | None = None,
    case_manager: str | None = None, client_id: str | None = None, title: str | None = None,
    generate_drafts: bool = True,
) -> Acceptance:
    """Accept the client: in one transaction create the client (or use the existing contact
    *client_id*), the matter, its parties, the known deadlines and hearings, attach the files the
    client brought, generate the intake summary and engagement letter drafts, and give the
    responsible attorney follow-up tasks.  Refused while the conflict check is undecided or
    declined, or while required answers are missing."""
    from casedesk.core.services import documents
    from casedesk.core.services.calendar import event_times, firm_timezone
    from casedesk.core.services.contacts import clean as clean_contact
    from casedesk.core.services.matters import STATUS_DATE, next_number

    cf.require(Right.EDIT, "accept clients")
    status = v.choice(status, MatterStatus, "status")
    if status not in ("open", "intake"):
        raise ValidationError("An accepted matter starts as 'open' or 'intake'.", field="status")
    draft0 = get_draft(cf, draft_id)
    if draft0.status != "draft":
        raise ValidationError(f"This intake was already {draft0.status}.")
    q = questionnaires(cf).get(draft0.questionnaire_id) or questionnaire_for(
        cf, draft0.practice_area)
    problems = validate_answers(q, draft0.answers or {})
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ValidationError(f"The intake is incomplete: {problems[0].message}{more}",
                              field=problems[0].question)
    answers = dict(draft0.answers or {})
    for key, what in (("consent.data_protection", "the processing of their personal data"),
                      ("consent.engagement", "the engagement terms")):
        if key in q.question_ids() and answers.get(key) is False:
            raise ValidationError(f"The client has not agreed to {what}; the intake cannot be "
                                  "accepted.", field=key)
    result: Acceptance
    with cf.write() as s:
        draft = get_or_404(s, IntakeDraft, draft_id, "intake draft")
        if draft.status != "draft":
            raise ValidationError(f"This intake was already {draft.status}.")
        check = _require_cleared(s, draft)
        tz = firm_timezone(s)
        resp_id = user_id_for(s, responsible, "responsible")
        cm_id = user_id_for(s, case_manager, "case_manager")

        # -- the client --
        if client_id:
            client = get_or_404(s, Contact, client_id, "contact")
            client.is_client = True
        else:
            values: dict[str, Any] = {
                "name": _s(answers.get("client.name")),
                "kind": _s(answers.get("client.kind")) or ContactKind.PERSON.value,
                "is_client": True,
                "emails": [_s(answers.get("client.email"))] if _s(answers.get("client.email"))
                else [],
                "phones": [_s(answers.get("client.phone"))] if _s(answers.get("client.phone"))
                else [],
                "addresses": [_s(answers.get("client.address"))]
                if _s(answers.get("client.address")) else [],
                "language": _s(answers.get("client.language")) or None,
                "notes": _contact_notes(answers),
            }
            client = Contact(**clean_contact(values))
            s.add(client)
            s.flush()

        # -- the matter --
        matter_title = v.text(
            title or _s(answers.get("matter.title"))
            or f"{client.name} - {q.title}", "title", required=True, max_len=500)
        matter = Matter(
            number=next_number(s), title=matter_title, client_id=client.id,
            practice_area=draft.practice_area, status=status,
            responsible_id=resp_id, case_manager_id=cm_id,
            description=_description(answers, q),
        )
        setattr(matter, STATUS_DATE[status], date.today())
        s.add(matter)
        s.flush()
        result = Acceptance(draft.id, client.id, matter.id, matter.number)

        # -- parties --
        party_rows: list[dict[str, str]] = []
        for key, fixed_role in _PARTY_GROUPS:
            for item in _items(answers, key):
                name = _s(item.get("name"))
                if not name:
                    continue
                role = fixed_role or (_s(item.get("role")) if _s(item.get("role"))
                                      in _OTHER_ROLES else "other")
                kind = _s(item.get("kind")) or ContactKind.PERSON.value
                contact_values: dict[str, Any] = {"name": name, "kind": kind}
                if _s(item.get("email")):
                    contact_values["emails"] = [_s(item["email"])]
                if _s(item.get("phone")):
                    contact_values["phones"] = [_s(item["phone"])]
                note_bits = [_s(item.get(k)) for k in ("firm", "represents", "notes")
                             if _s(item.get(k))]
                if note_bits:
                    contact_values["notes"] = "\n".join(note_bits)
                contact = Contact(**clean_contact(contact_values))
                s.add(contact)
                s.flush()
                party = MatterParty(matter_id=matter.id, contact_id=contact.id, role=role)
                s.add(party)
                s.flush()
                result.party_ids.append(party.id)
                party_rows.append({"name": name, "role": role})

        # -- known deadlines and hearings --
        deadlines_ctx: list[dict[str, Any]] = []
        hearings_ctx: list[dict[str, Any]] = []
        for item in _items(answers, "deadlines.known"):
            when = v.parse_date(_s(item.get("date")) or None, "deadlines.known.date")
            what = _s(item.get("title")) or "Deadline"
            if when is None:
                continue
            if _s(item.get("kind")) == "court_date":
                at = _s(item.get("time"))
                start: Any = f"{when.isoformat()}T{at}" if at else when
                starts, _ends = event_times(start, None, tz, all_day=not at)
                event = Event(matter_id=matter.id, kind="hearing", title=what, starts_at=starts,
                              timezone=tz, all_day=not at,
                              location=_s(item.get("location")) or None)
                s.add(event)
                s.flush()
                result.event_ids.append(event.id)
                hearings_ctx.append({"title": what, "location": _s(item.get("location")),
                                     "start": datetime.combine(
                                         when, time.fromisoformat(at)) if at else when})
            else:
                deadline = Deadline(matter_id=matter.id, title=what, due=when,
                                    assignee_id=resp_id,
                                    notes=_s(item.get("notes")) or "Known at intake.")
                s.add(deadline)
                s.flush()
                result.deadline_ids.append(deadline.id)
                deadlines_ctx.append({"title": what, "due": when})

        # -- files the client brought --
        described = {_s(i.get("file")): _s(i.get("description"))
                     for i in _items(answers, "documents.brought") if _s(i.get("file"))}
        for att in draft.attachments or []:
            data = documents.read_blob(s, att["sha256"])
            prepared = documents.prepare(att["filename"], data)
            title_text = described.get(att["id"]) or documents.default_title(att["filename"])
            doc = documents.add_prepared(
                s, cf, matter.id, prepared, {"title": title_text[:500], "category": "evidence"},
                note="Brought by the client at intake.")
            result.document_ids.append(doc.id)

        # -- follow-up tasks for the responsible attorney --
        today = date.today()
        first_due = min((d["due"] for d in deadlines_ctx), default=None)
        for task_title, due, desc in (
            ("Review intake", today + timedelta(days=1),
             f"Review the intake of {client.name} and the conflict check."),
            ("Send engagement letter", today + timedelta(days=2),
             "Finalise and send the engagement letter drafted at intake."),
            ("Diary known deadlines", min(today + timedelta(days=1), first_due)
             if first_due else today + timedelta(days=1),
             "Check the deadlines and hearings the client told us about and diary them."),
        ):
            task = Task(matter_id=matter.id, title=task_title, assignee_id=resp_id, due=due,
                        description=desc)
            s.add(task)
            s.flush()
            result.task_ids.append(task.id)

        # -- close the intake --
        check.matter_id = matter.id
        draft.status = "accepted"
        draft.decision = "accepted"
        draft.decided_by = cf.user.username
        draft.decided_at = datetime.now(UTC)
        draft.updated_by = cf.user.username
        draft.client_id = client.id
        draft.matter_id = matter.id
        audit.record_event(s, "intake_draft", draft.id, "note",
                           f"accepted as matter {matter.number}; answers sha256 "
                           f"{_digest(answers)}")
    if generate_drafts:
        _generate_drafts(cf, result, "el" if _s(answers.get("client.language")) == "el"
                         else "en")
    return result


#: Drafts generated on acceptance, from the template library.
ACCEPTANCE_TEMPLATES = ("client_intake_summary", "engagement_letter")


def _generate_drafts(cf: CaseFile, result: Acceptance, locale: str) -> None:
    """Draft the intake summary and the engagement letter (after the acceptance is committed,
    through the drafting service, so the firm's own versions of the templates are used).  A
    template that cannot be filled in leaves a warning, not a half-accepted client."""
    from casedesk.core.services import drafts

    for name in ACCEPTANCE_TEMPLATES:
        try:
            doc = drafts.draft(cf, result.matter_id, name, locale=locale)
        except CasedeskError as exc:
            result.warnings.append(f"The {name.replace('_', ' ')} was not drafted: {exc}")
        else:
            result.draft_document_ids.append(doc.id)
