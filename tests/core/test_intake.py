"""Client intake: questionnaires, drafts, acceptance (issue 6)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casedesk.core import conflicts, intake
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import ValidationError
from casedesk.core.intake import Condition, ConditionError, QuestionnaireError
from casedesk.core.intakemodels import IntakeDraft
from casedesk.core.models import AuditEntry, Contact, Deadline, Document, Event, Matter, Task
from casedesk.core.services import contacts, matters
from tests.support import ADMIN_PW

AREAS = ["litigation", "family", "employment", "real_estate", "criminal", "commercial"]


# -- questionnaires -------------------------------------------------------------------------------


def test_shipped_questionnaires_cover_the_practice_areas_in_two_languages() -> None:
    found = intake.load_questionnaires()
    assert {q.practice_area for q in found.values()} >= set(AREAS)
    for q in found.values():
        assert q.step_ids()[:2] == ["client", "matter"]
        assert q.step_ids()[-1] == "fees"
        for step in q.steps:
            for question in step.questions:
                assert question.label and question.label_el
    base = found["base"]
    assert base.question("client.registration_number").when is not None
    assert base.question("parties.opposing").type == "group"
    assert base.question("consent.data_protection").type == "yesno"


BAD = {
    "type": ('id = "x"\ntitle = "X"\n[[steps]]\nid = "a"\ntitle = "A"\n'
             '[[steps.questions]]\nid = "a.q"\nlabel = "Q"\ntype = "colour"\n',
             "x.toml, question 'a.q': unknown type 'colour'"),
    "ref": ('id = "x"\ntitle = "X"\n[[steps]]\nid = "a"\ntitle = "A"\n'
            '[[steps.questions]]\nid = "a.q"\nlabel = "Q"\nwhen = "a.nope == \'y\'"\n',
            "x.toml, question 'a.q': the condition names 'a.nope'"),
    "syntax": ('id = "x"\ntitle = "X"\n[[steps]]\nid = "a"\ntitle = "A"\n'
               '[[steps.questions]]\nid = "a.q"\nlabel = "Q"\nwhen = "a.q == "\n',
               "x.toml, question 'a.q': the condition 'a.q == ' is invalid"),
    "label": ('id = "x"\ntitle = "X"\n[[steps]]\nid = "a"\ntitle = "A"\n'
              '[[steps.questions]]\nid = "a.q"\n', "x.toml, question 'a.q': 'label' is missing"),
    "choice": ('id = "x"\ntitle = "X"\n[[steps]]\nid = "a"\ntitle = "A"\n'
               '[[steps.questions]]\nid = "a.q"\nlabel = "Q"\ntype = "choice"\n',
               "x.toml, question 'a.q': a choice question needs 'options'"),
    "dup": ('id = "x"\ntitle = "X"\nextends = "base"\n[[steps]]\nid = "a"\ntitle = "A"\n'
            '[[steps.questions]]\nid = "client.name"\nlabel = "Q"\n',
            "x.toml, question 'client.name': the id is used twice"),
    "toml": ('id = "x\n', "x.toml is not valid TOML"),
    "extends": ('id = "x"\ntitle = "X"\nextends = "nothing"\n',
                "x.toml: it extends 'nothing', which does not exist"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_questionnaire_errors_name_the_file_and_question(case: str, tmp_path: Path) -> None:
    text, message = BAD[case]
    (tmp_path / "x.toml").write_text(text, encoding="utf-8")
    with pytest.raises(QuestionnaireError) as err:
        intake.load_questionnaires(firm_dir=tmp_path)
    assert str(err.value).startswith(message), str(err.value)


def test_a_firm_questionnaire_replaces_the_shipped_one_without_code(cf: CaseFile) -> None:
    text = ('id = "family"\nversion = 7\npractice_area = "family"\ntitle = "Our family intake"\n'
            'extends = "base"\ninsert_after = "client"\n[[steps]]\nid = "kids"\ntitle = "Kids"\n'
            '[[steps.questions]]\nid = "kids.count"\nlabel = "How many?"\n'
            'label_el = "Πόσα;"\nrequired = true\n')
    with cf.write() as s:
        firm = s.get(type(cf.firm()), cf.firm_id)
        firm.settings = {**firm.settings, "intake_questionnaires": {"family": text}}
    q = intake.questionnaire_for(cf, "family")
    assert (q.version, q.title) == (7, "Our family intake")
    assert q.step_ids()[:3] == ["client", "kids", "matter"]
    assert q.question("kids.count").label_el == "Πόσα;"
    # An area without a questionnaire of its own gets the base one.
    assert intake.questionnaire_for(cf, "immigration").id == "base"


def test_conditions() -> None:
    answers = {"client.kind": "organisation", "x.flag": True, "x.n": 3, "x.empty": ""}
    assert Condition("client.kind == 'organisation'").evaluate(answers)
    assert not Condition("client.kind != \"organisation\"").evaluate(answers)
    assert Condition("x.flag == true and (x.n == 3 or nope)").evaluate(answers)
    assert Condition("x.flag == 'yes'").evaluate(answers)
    assert Condition("not x.empty and not x.missing").evaluate(answers)
    assert Condition("x.missing == ''").evaluate(answers)
    assert Condition("kind == 'court_date'").evaluate(answers, {"kind": "court_date"})
    assert Condition("a or b and c").refs == {"a", "b", "c"}
    assert not Condition("x.flag and not x.flag").evaluate(answers)
    for bad in ("__import__('os').system('x')", "a ==", "(a", "a b", "a = 1", "", "a.b()"):
        with pytest.raises(ConditionError):
            Condition(bad)


def test_validation_follows_conditions() -> None:
    q = intake.load_questionnaires()["base"]
    answers = {"client.kind": "person", "client.name": "Eleni K", "client.language": "el",
               "matter.type": "claim", "matter.narrative": "…", "fees.arrangement": "hourly",
               "consent.data_protection": True, "consent.engagement": False}
    assert intake.validate_answers(q, answers) == []
    problems = intake.validate_answers(q, {**answers, "client.kind": "organisation",
                                           "client.email": "not-an-address",
                                           "parties.opposing": [{"kind": "person"}],
                                           "deadlines.known": [{"kind": "response",
                                                                "title": "Reply",
                                                                "date": "31/12/2025"}]})
    assert [(p.step, p.question) for p in problems] == [
        ("client", "client.registration_number"), ("client", "client.email"),
        ("parties", "parties.opposing[0].name"), ("deadlines", "deadlines.known[0].date"),
    ]
    assert "required" in problems[0].message


# -- drafts ---------------------------------------------------------------------------------------


def test_saving_many_times_keeps_one_record_that_survives_a_crash(cf: CaseFile,
                                                                   case_path: Path) -> None:
    draft = intake.start_draft(cf, "employment")
    assert draft.questionnaire_id == "employment" and draft.current_step == "client"
    answers: dict[str, object] = {}
    for i in range(40):
        answers = {"client.name": f"Γιώργος Νικολάου {i}", "client.kind": "person",
                   "matter.narrative": "x" * (i * 50),
                   "parties.opposing": [{"name": f"Acme {j}"} for j in range(i % 5)]}
        intake.save_answers(cf, draft.id, answers, "matter" if i < 20 else "parties")
    assert intake.save_answers(cf, draft.id, answers, "parties") == []  # unchanged: no write
    assert intake.save_answers(cf, draft.id, {"client.kind": None}) == ["client.kind"]
    cf.engine.dispose()  # the process dies: nothing else is done

    with CaseFile.open(case_path, "admin", ADMIN_PW) as again:
        with again.read() as s:
            assert s.scalar(select(func.count()).select_from(IntakeDraft)) == 1
            from tests.support import opened_audit

            rows = opened_audit(s.connection(), "entity = 'intake_draft' AND op = 'update'")
        resumed = intake.get_draft(again, draft.id)
        expected = {k: v for k, v in answers.items() if k != "client.kind"}
        assert resumed.answers == expected
        assert resumed.current_step == "parties" and resumed.label == "Γιώργος Νικολάου 39"
        assert resumed.rev == 42
        # One compact audit row per save: which answers changed, never the answers themselves.
        assert len(rows) == 41
        assert all(len(r.new or "") < 400 and r.old is None for r in rows)
        assert "matter.narrative" in rows[5].new and "xxxx" not in rows[5].new
        [summary] = intake.list_drafts(again)
        assert (summary.id, summary.label, summary.status) == (draft.id, resumed.label, "draft")


def test_discarded_drafts_are_kept_and_audited(cf: CaseFile) -> None:
    draft = intake.start_draft(cf, "family", answers={"client.name": "A B"})
    intake.discard(cf, draft.id, "Duplicate")
    assert intake.list_drafts(cf) == []
    assert [d.status for d in intake.list_drafts(cf, status=None)] == ["discarded"]
    with pytest.raises(ValidationError, match="discarded"):
        intake.save_answers(cf, draft.id, {"client.name": "C"}, "client")
    with cf.read() as s:
        assert s.scalar(select(AuditEntry.new).where(
            AuditEntry.entity == "intake_draft", AuditEntry.op == "update",
            AuditEntry.field == "status")) == "discarded"
    with pytest.raises(ValidationError, match="practice areas"):
        intake.start_draft(cf, "astrology")


# -- acceptance -----------------------------------------------------------------------------------


def _complete(cf: CaseFile, name: str = "Κωνσταντίνος Χατζηδάκης") -> str:
    draft = intake.start_draft(cf, "litigation")
    soon = date.today() + timedelta(days=20)
    intake.save_answers(cf, draft.id, {
        "client.kind": "person", "client.name": name, "client.email": "k.ch@example.gr",
        "client.phone": "+30 210 1234567", "client.address": "Οδός Αθηνάς 1, Αθήνα",
        "client.language": "el", "client.id_number": "ΑΚ 123456",
        "matter.type": "Unpaid invoices", "matter.title": "Χατζηδάκης v Poseidon",
        "matter.narrative": "The charterer stopped paying.",
        "matter.key_dates": [{"date": "2025-01-10", "what": "Last payment"}],
        "litigation.proceedings_started": True, "litigation.client_side": "claimant",
        "parties.opposing": [{"name": "Poseidon Maritime Ltd", "kind": "organisation"}],
        "parties.counsel": [{"name": "Andreas Vlachos", "firm": "Vlachos & Co"}],
        "parties.others": [{"name": "Petros Ioannou", "role": "witness"}],
        "deadlines.known": [
            {"kind": "court_date", "title": "First hearing", "date": soon.isoformat(),
             "time": "09:30", "location": "Πρωτοδικείο Αθηνών"},
            {"kind": "response", "title": "Reply to the demand letter",
             "date": (soon - timedelta(days=10)).isoformat()},
        ],
        "fees.arrangement": "hourly", "consent.data_protection": True,
        "consent.engagement": True,
    }, "fees")
    return draft.id


def test_accepting_creates_client_matter_parties_dates_tasks_and_drafts(cf: CaseFile) -> None:
    cf.add_user("eleni", "pw-eleni", "attorney", display_name="Eleni Papadaki")
    draft_id = _complete(cf)
    scan = intake.attach_file(cf, draft_id, "demand letter.txt", b"Please pay EUR 12,000.")
    intake.save_answers(cf, draft_id, {"documents.brought": [
        {"description": "Demand letter", "file": scan["id"], "original_kept": False}]})

    with pytest.raises(ValidationError, match="conflict check"):
        intake.accept(cf, draft_id, responsible="eleni")
    check = intake.run_conflict_check(cf, draft_id)
    with pytest.raises(ValidationError, match="not been decided"):
        intake.accept(cf, draft_id, responsible="eleni")
    conflicts.decide(cf, check.id, "cleared", "No hits.")

    result = intake.accept(cf, draft_id, status="open", responsible="eleni",
                           case_manager="admin")
    with cf.read() as s:
        client = s.get(Contact, result.client_id)
        assert client.is_client and client.name == "Κωνσταντίνος Χατζηδάκης"
        assert client.emails == ["k.ch@example.gr"] and client.language == "el"
        assert "ΑΚ 123456" in (client.notes or "")
        matter = s.get(Matter, result.matter_id)
        assert (matter.title, matter.status, matter.practice_area) == (
            "Χατζηδάκης v Poseidon", "open", "litigation")
        assert matter.responsible.username == "eleni"
        assert "Last payment" in matter.description and "claimant" in matter.description
        assert sorted((p.contact.name, p.role) for p in matter.parties) == [
            ("Andreas Vlachos", "opposing_counsel"), ("Petros Ioannou", "witness"),
            ("Poseidon Maritime Ltd", "opposing_party")]
        [deadline] = s.scalars(select(Deadline).where(Deadline.matter_id == matter.id))
        assert deadline.title == "Reply to the demand letter"
        [hearing] = s.scalars(select(Event).where(Event.matter_id == matter.id))
        assert hearing.kind == "hearing" and hearing.location == "Πρωτοδικείο Αθηνών"
        tasks = s.scalars(select(Task).where(Task.matter_id == matter.id)).all()
        assert sorted(t.title for t in tasks) == [
            "Diary known deadlines", "Review intake", "Send engagement letter"]
        assert {t.assignee_id for t in tasks} == {matter.responsible_id}
        docs = s.scalars(select(Document).where(Document.matter_id == matter.id)).all()
        titles = {d.title for d in docs}
        assert "Demand letter" in titles
    assert len(result.draft_document_ids) == 2, result.warnings
    assert result.warnings == []
    assert len(docs) == 3
    done = intake.get_draft(cf, draft_id)
    assert (done.status, done.matter_id, done.client_id) == ("accepted", matter.id, client.id)
    assert conflicts.get_check(cf, check.id).matter_id == matter.id
    with pytest.raises(ValidationError, match="already accepted"):
        intake.accept(cf, draft_id)


def test_acceptance_is_refused_when_declined_stale_or_incomplete(cf: CaseFile) -> None:
    client = contacts.create(cf, name="Poseidon Maritime Ltd", kind="organisation",
                             is_client=True)
    matters.create(cf, title="Charter", client_id=client.id, practice_area="other")
    draft_id = _complete(cf)
    check = intake.run_conflict_check(cf, draft_id)
    assert check.hits and check.hits[0]["standing"] == "current_client"
    conflicts.decide(cf, check.id, "cleared", "Checked")
    intake.save_answers(cf, draft_id, {"parties.opposing": [{"name": "Summit Realty Corp."}]})
    with pytest.raises(ValidationError, match="run it again"):
        intake.accept(cf, draft_id)
    intake.save_answers(cf, draft_id, {"fees.arrangement": None})
    intake.run_conflict_check(cf, draft_id)
    with pytest.raises(ValidationError, match="incomplete: Fee arrangement is required"):
        intake.accept(cf, draft_id)
    intake.save_answers(cf, draft_id, {"fees.arrangement": "fixed",
                                       "consent.engagement": False})
    with pytest.raises(ValidationError, match="not agreed to the engagement terms"):
        intake.accept(cf, draft_id)
    check2 = intake.run_conflict_check(cf, draft_id)
    conflicts.decide(cf, check2.id, "declined", "Adverse to an existing client.")
    with pytest.raises(ValidationError, match="already declined"):
        intake.accept(cf, draft_id)
    with cf.read() as s:
        assert s.scalar(select(func.count()).select_from(Matter)) == 1


def test_declining_keeps_the_intake_without_a_client(cf: CaseFile) -> None:
    draft_id = _complete(cf, "Ευάγγελος Μαυρίδης")
    intake.decline(cf, draft_id, "Outside our practice.")
    with cf.read() as s:
        assert s.scalar(select(func.count()).select_from(Contact)) == 0
    hits = conflicts.check_names(cf, ["Evangelos Mavridis"])
    assert [(h.name, h.standing) for h in hits] == [("Ευάγγελος Μαυρίδης", "declined_intake")]
