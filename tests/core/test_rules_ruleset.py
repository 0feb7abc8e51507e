"""Rule sets (TOML data files), their validation, and the ``casedesk rules`` CLI command.

Expected dates are worked out by hand from a calendar; the comments show the reasoning.
"""

from __future__ import annotations

import argparse
import sys
import types
from datetime import date
from pathlib import Path

import pytest

import casedesk.cli
from casedesk.cli.commands import rules as rules_cli
from casedesk.core.errors import CasedeskError, NotFound, UsageError
from casedesk.core.rules import (
    RuleSet,
    load_rule_set_file,
    load_rule_sets,
    parse_rule_set,
    shipped_rules_dir,
)

REPO = Path(__file__).resolve().parents[2]

MINIMAL = """
id = "test-set"
name = "Test rules"
jurisdiction = "US"
version = "1"
effective = 2020-01-01

[[triggers]]
name = "served"
label = "Paper served"

[[triggers.deadlines]]
key = "respond"
title = "Response due"
days = 10
"""


def by_id(rule_sets: list[RuleSet], rid: str) -> RuleSet:
    matches = [rs for rs in rule_sets if rs.id == rid]
    assert len(matches) == 1, [rs.id for rs in rule_sets]
    return matches[0]


@pytest.fixture(scope="module")
def shipped() -> list[RuleSet]:
    return load_rule_sets()


@pytest.fixture(scope="module")
def us(shipped) -> RuleSet:
    return by_id(shipped, "us-federal-civil")


@pytest.fixture(scope="module")
def gr(shipped) -> RuleSet:
    return by_id(shipped, "gr-civil")


def due_dates(rs: RuleSet, trigger: str, when: date, **kw) -> dict[str, date]:
    return {dl.key: c.due for dl, c in rs.compute(trigger, when, **kw)}


# --- shipped files -------------------------------------------------------------------------------


def test_shipped_dir_is_the_repo_resources():
    assert shipped_rules_dir() == REPO / "resources" / "rules"
    names = {p.name for p in shipped_rules_dir().glob("*.toml")}
    assert {"us-federal-civil.toml", "gr-civil.toml"} <= names


def test_shipped_rule_sets_load(shipped, us, gr):
    assert us.jurisdiction == "US"
    assert gr.jurisdiction == "GR"
    assert isinstance(us.effective, date) and isinstance(gr.effective, date)
    assert us.source.endswith("us-federal-civil.toml")
    assert us.suspensions == ()
    assert len(gr.suspensions) == 1
    s = gr.suspensions[0]
    assert (s.start_month, s.start_day, s.end_month, s.end_day) == (8, 1, 8, 31)
    assert s.citation and "147(2)" in s.citation


@pytest.mark.parametrize(
    ("trigger", "key", "days", "direction", "citation"),
    [
        ("complaint_served", "answer", 21, "after", "FRCP 12(a)(1)(A)(i)"),
        ("waiver_requested", "answer", 60, "after", "FRCP 12(a)(1)(A)(ii)"),
        ("us_government_served", "answer", 60, "after", "FRCP 12(a)(2)"),
        ("motion_served", "response", 14, "after", "Local Civil Rule 6.1(b)"),
        ("motion_opposition_served", "reply", 7, "after", "Local Civil Rule 6.1(b)"),
        ("discovery_served", "interrogatory_responses", 30, "after", "FRCP 33(b)(2)"),
        ("discovery_served", "production_responses", 30, "after", "FRCP 34(b)(2)(A)"),
        ("discovery_served", "admission_responses", 30, "after", "FRCP 36(a)(3)"),
        ("judgment_entered", "new_trial_motion", 28, "after", "FRCP 59(b)"),
        ("judgment_entered", "alter_amend_motion", 28, "after", "FRCP 59(e)"),
        ("judgment_entered", "notice_of_appeal", 30, "after", "FRAP 4(a)(1)(A)"),
        ("trial_date_set", "pretrial_disclosures", 30, "before", "FRCP 26(a)(3)(B)"),
        ("trial_date_set", "expert_disclosures", 90, "before", "FRCP 26(a)(2)(D)(i)"),
        ("own_pleading_served", "amend_as_of_course", 21, "after", "FRCP 15(a)(1)(A)"),
    ],
)
def test_us_rule_set_contents(us, trigger, key, days, direction, citation):
    dl = {d.key: d for d in us.trigger(trigger).deadlines}[key]
    assert dl.days == days
    assert dl.direction == direction
    assert dl.counting == "calendar"
    assert dl.citation is not None and dl.citation.startswith(citation)


def test_local_rule_is_flagged_in_the_label(us):
    assert "local rule" in us.trigger("motion_served").label.lower()
    assert "local rule" in us.trigger("motion_served").deadlines[0].title.lower()


@pytest.mark.parametrize(
    ("trigger", "key", "days", "citation"),
    [
        ("action_service_deadline", "written_pleadings", 30, "237(1)"),
        ("first_instance_judgment_served", "appeal", 30, "518"),
        ("appeal_judgment_served", "cassation", 30, "564"),
        ("action_filed", "intervention_third_party", 60, "238"),
    ],
)
def test_gr_rule_set_contents(gr, trigger, key, days, citation):
    t = gr.trigger(trigger)
    dl = {d.key: d for d in t.deadlines}[key]
    assert dl.days == days
    assert citation in (dl.citation or "")
    assert any("\u0370" <= ch <= "\u03ff" for ch in dl.title)  # Greek title
    assert dl.label and dl.label.isascii()  # English label
    assert t.label.isascii()


def test_default_reminders(us):
    dl = us.trigger("discovery_served").deadlines[0]
    assert dl.reminders_days == (7, 1)


def test_unknown_trigger(us):
    with pytest.raises(NotFound) as info:
        us.trigger("nonsense")
    assert "nonsense" in str(info.value)


# --- computing through a rule set ---------------------------------------------------------------


def test_complaint_served_answer(us):
    # Thu 5 Nov 2026 + 21 = Thu 26 Nov (Thanksgiving) -> Fri 27 Nov.
    [(dl, c)] = us.compute("complaint_served", date(2026, 11, 5))
    assert dl.key == "answer"
    assert c.due == date(2026, 11, 27)
    text = c.explain()
    assert "FRCP 12(a)(1)(A)(i)" in text
    assert "Thanksgiving Day" in text
    assert "us-federal-civil" in text and "version" in text


def test_discovery_by_mail_gets_the_6d_add_on(us):
    # Thu 1 Oct 2026 + 30 = Sat 31 Oct -> Mon 2 Nov; by mail + 3 = Thu 5 Nov.
    assert set(due_dates(us, "discovery_served", date(2026, 10, 1)).values()) == {date(2026, 11, 2)}
    assert set(due_dates(us, "discovery_served", date(2026, 10, 1), service="mail").values()) == {
        date(2026, 11, 5)
    }


def test_judgment_deadlines_ignore_mail_service(us):
    # Mon 1 Jun 2026 + 28 = Mon 29 Jun; + 30 = Wed 1 Jul.
    expected = {
        "new_trial_motion": date(2026, 6, 29),
        "alter_amend_motion": date(2026, 6, 29),
        "notice_of_appeal": date(2026, 7, 1),
    }
    assert due_dates(us, "judgment_entered", date(2026, 6, 1)) == expected
    results = us.compute("judgment_entered", date(2026, 6, 1), service="mail")
    assert {dl.key: c.due for dl, c in results} == expected
    assert "adds no days" in results[0][1].explain()


def test_trial_date_deadlines_count_backward(us):
    # Trial Mon 7 Dec 2026: -30 = Sat 7 Nov -> Fri 6 Nov; -90 = Tue 8 Sep.
    assert due_dates(us, "trial_date_set", date(2026, 12, 7)) == {
        "pretrial_disclosures": date(2026, 11, 6),
        "expert_disclosures": date(2026, 9, 8),
    }


def test_closures_pass_through(us):
    # Mon 2 Mar 2026 + 21 = Mon 23 Mar, closed -> Tue 24 Mar.
    [(_, c)] = us.compute("complaint_served", date(2026, 3, 2), closures=[date(2026, 3, 23)])
    assert c.due == date(2026, 3, 24)


def test_gr_rule_set_applies_august_suspension(gr):
    # Last day for service Wed 15 Jul 2026: 16-31 Jul = 16 days, August suspended,
    # 1-14 Sep = 14 more -> Mon 14 Sep 2026.
    [(_, c)] = gr.compute("action_service_deadline", date(2026, 7, 15))
    assert c.due == date(2026, 9, 14)
    assert "147(2)" in c.explain()
    # Judgment served Mon 20 Jul 2026: 11 days in July + 19 in Sep = Sat 19 Sep -> Mon 21 Sep.
    assert due_dates(gr, "first_instance_judgment_served", date(2026, 7, 20)) == {
        "appeal": date(2026, 9, 21)
    }


def test_gr_rule_set_easter_monday_and_no_mail_add_on(gr):
    # Sat 14 Mar 2026 + 30 = Mon 13 Apr (Easter Monday) -> Tue 14 Apr; mail adds nothing.
    [(_, c)] = gr.compute("appeal_judgment_served", date(2026, 3, 14), service="mail")
    assert c.due == date(2026, 4, 14)
    assert "Easter Monday" in c.explain()


def test_trigger_before_effective_date_still_computed_with_note(us):
    # Current rules apply whatever the year: Thu 7 Nov 2019 + 21 = Thu 28 Nov 2019
    # (Thanksgiving) -> Fri 29 Nov 2019.
    [(_, c)] = us.compute("complaint_served", date(2019, 11, 7))
    assert c.due == date(2019, 11, 29)
    assert "before this rule set took effect" in c.explain()


# --- loading and validation ---------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "firm.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_firm_directory_is_loaded(tmp_path):
    write(tmp_path, MINIMAL)
    rule_sets = load_rule_sets([tmp_path])
    firm = by_id(rule_sets, "test-set")
    assert firm.version == "1"
    assert firm.trigger("served").deadlines[0].reminders_days == (7, 1)
    assert {"us-federal-civil", "gr-civil"} <= {rs.id for rs in rule_sets}


def test_firm_text_and_override(tmp_path):
    override = MINIMAL.replace('"test-set"', '"us-federal-civil"')
    rule_sets = load_rule_sets(extra_texts=[("db:rules/1", override)])
    us = by_id(rule_sets, "us-federal-civil")
    assert us.source == "db:rules/1"
    assert [t.name for t in us.triggers] == ["served"]


def test_duplicate_firm_ids(tmp_path):
    write(tmp_path, MINIMAL, "a.toml")
    write(tmp_path, MINIMAL, "b.toml")
    with pytest.raises(CasedeskError) as info:
        load_rule_sets([tmp_path])
    assert "a.toml" in str(info.value) and "b.toml" in str(info.value)


def test_missing_extra_dir(tmp_path):
    with pytest.raises(CasedeskError) as info:
        load_rule_sets([tmp_path / "nowhere"])
    assert "nowhere" in str(info.value)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda t: t + "\n[[[broken", "not valid TOML"),
        (lambda t: t.replace('id = "test-set"\n', ""), "missing 'id'"),
        (lambda t: t.replace('jurisdiction = "US"', 'jurisdiction = "XX"'), "'XX'"),
        (lambda t: t.replace("effective = 2020-01-01", 'effective = "soon"'), "'effective'"),
        (lambda t: t.replace("days = 10", 'days = "10"'), "'days'"),
        (lambda t: t.replace("days = 10", "days = -1"), "'days'"),
        (lambda t: t.replace("days = 10", ""), "missing 'days'"),
        (lambda t: t + 'direction = "later"\n', "'direction'"),
        (lambda t: t + 'counting = "business"\n', "'counting'"),
        (lambda t: t + "reminders_days = [7, -1]\n", "'reminders_days'"),
        (lambda t: t + 'diretion = "after"\n', "unknown key 'diretion'"),
        (lambda t: t.replace('key = "respond"', 'key = "Respond Now"'), "'key'"),
        (lambda t: t.replace('title = "Response due"\n', ""), "missing 'title'"),
        (lambda t: t.replace('label = "Paper served"\n', ""), "missing 'label'"),
        (lambda t: t.split("[[triggers]]")[0], "missing 'triggers'"),
        (lambda t: t + t[t.index("[[triggers]]") :], "used twice"),
        (
            lambda t: t.replace(
                "[[triggers]]", '[[suspensions]]\nstart = "08-01"\nend = "13-01"\n\n[[triggers]]'
            ),
            "'end'",
        ),
        (
            lambda t: t.replace("[[triggers]]", '[[suspensions]]\nend = "08-31"\n\n[[triggers]]'),
            "missing 'start'",
        ),
        (lambda t: t.replace('version = "1"', "version = true"), "'version'"),
        (lambda t: "triggers = 3\n" + t.split("[[triggers]]")[0], "array of tables"),
    ],
)
def test_malformed_files_get_a_named_casedesk_error(tmp_path, change, problem):
    path = write(tmp_path, change(MINIMAL), "bad-rules.toml")
    with pytest.raises(CasedeskError) as info:
        load_rule_set_file(path)
    message = str(info.value)
    assert "bad-rules.toml" in message
    assert problem in message
    assert type(info.value.__cause__) is not KeyError


def test_malformed_text_names_its_source():
    with pytest.raises(CasedeskError) as info:
        parse_rule_set("id = ", source="db:rules/7")
    assert "db:rules/7" in str(info.value)


def test_unreadable_file_is_a_known_error(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'name = "caf\xe9"\n')
    with pytest.raises(CasedeskError) as info:
        load_rule_set_file(path)
    assert "latin1.toml" in str(info.value)


def test_service_applies_inheritance():
    text = MINIMAL.replace('version = "1"', 'version = "1"\nservice_applies = false')
    rs = parse_rule_set(text)
    assert rs.triggers[0].deadlines[0].service_applies is False
    text = MINIMAL.replace(
        'label = "Paper served"', 'label = "Paper served"\nservice_applies = true'
    )
    text = text.replace('version = "1"', 'version = "1"\nservice_applies = false')
    assert parse_rule_set(text).triggers[0].deadlines[0].service_applies is True


# --- CLI -----------------------------------------------------------------------------------------


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="casedesk")
    sub = parser.add_subparsers(dest="command")
    rules_cli.register(sub)
    return parser.parse_args(argv)


def cli(argv: list[str], capsys) -> tuple[int, str, str]:
    args = parse(argv)
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def fake_firmaccess(monkeypatch):
    module = types.ModuleType("casedesk.cli.firmaccess")
    calls: list[Path] = []

    def firm_closures(path):
        calls.append(Path(path))
        return {date(2026, 3, 23)}

    module.firm_closures = firm_closures  # type: ignore[attr-defined]
    module.calls = calls  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "casedesk.cli.firmaccess", module)
    monkeypatch.setattr(casedesk.cli, "firmaccess", module, raising=False)
    return module


def test_cli_compute_prints_only_the_date(capsys):
    code, out, _ = cli(["rules", "compute", "--from", "2026-11-05", "--days", "21"], capsys)
    assert code == 0
    assert out == "2026-11-27\n"


def test_cli_compute_flags(capsys):
    # 30 days before Tue 17 Nov 2026 -> Sun 18 Oct -> Fri 16 Oct.
    _, out, _ = cli(
        ["rules", "compute", "--from", "2026-11-17", "--days", "30", "--before"], capsys
    )
    assert out == "2026-10-16\n"
    # 5 court days after Fri 20 Nov 2026 -> Mon 30 Nov.
    _, out, _ = cli(
        ["rules", "compute", "--from", "2026-11-20", "--days", "5", "--court-days"], capsys
    )
    assert out == "2026-11-30\n"
    # Thu 1 Oct 2026 + 14 = Thu 15 Oct, by mail + 3 = Sun 18 -> Mon 19 Oct.
    _, out, _ = cli(
        ["rules", "compute", "--from", "2026-10-01", "--days", "14", "--service", "mail"], capsys
    )
    assert out == "2026-10-19\n"
    # Sat 14 Mar 2026 + 30 in Greece = Mon 13 Apr (Easter Monday) -> Tue 14 Apr.
    _, out, _ = cli(
        ["rules", "compute", "--from", "2026-03-14", "--days", "30", "--jurisdiction", "GR"],
        capsys,
    )
    assert out == "2026-04-14\n"


def test_cli_compute_explain(capsys):
    code, out, _ = cli(
        ["rules", "compute", "--from", "2026-11-05", "--days", "21", "--explain"], capsys
    )
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "2026-11-27"
    assert len(lines) > 3
    assert "Thanksgiving Day" in out
    assert "2026-11-26  Thanksgiving Day" in out  # the days skipped


def test_cli_compute_with_firm_closures(capsys, fake_firmaccess, tmp_path):
    firm_file = tmp_path / "firm.casedesk"
    _, out, _ = cli(
        ["rules", "compute", "--from", "2026-03-02", "--days", "21", "--file", str(firm_file)],
        capsys,
    )
    assert out == "2026-03-24\n"  # Mon 23 Mar 2026 is the firm's closure day
    assert fake_firmaccess.calls == [firm_file]


@pytest.mark.parametrize("bad", ["2026-13-03", "03/12/2026", "tomorrow", "2026-12-3", "20261203"])
def test_cli_bad_date_is_a_usage_error(capsys, bad):
    args = parse(["rules", "compute", "--from", bad, "--days", "21"])
    with pytest.raises(UsageError) as info:
        args.func(args)
    assert str(info.value) == "--from must be a date like 2026-12-03"
    assert info.value.exit_code == 2
    assert capsys.readouterr().out == ""


def test_cli_bad_jurisdiction_and_days(capsys):
    args = parse(
        ["rules", "compute", "--from", "2026-12-03", "--days", "21", "--jurisdiction", "XX"]
    )
    with pytest.raises(UsageError) as info:
        args.func(args)
    assert "XX" in str(info.value)
    args = parse(["rules", "compute", "--from", "2026-12-03", "--days", "-2"])
    with pytest.raises(UsageError):
        args.func(args)


def test_cli_defaults():
    args = parse(["rules", "compute", "--from", "2026-12-03", "--days", "21"])
    assert args.jurisdiction == "US"
    assert args.service == "electronic"
    assert not args.before and not args.court_days and not args.explain
    assert args.func is rules_cli.run


def test_cli_list(capsys):
    code, out, _ = cli(["rules", "list"], capsys)
    assert code == 0
    assert "us-federal-civil" in out and "gr-civil" in out
    assert "version 2024.12" in out and "effective 2024-12-01" in out
    assert "jurisdiction US" in out and "jurisdiction GR" in out
    assert "complaint_served" in out and "(1 deadline)" in out
    assert "discovery_served" in out and "(3 deadlines)" in out
