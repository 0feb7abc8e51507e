"""Rights, users, recovery, policies, the audit viewer and reports from the command line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casedesk.cli.main import main
from casedesk.core.casefile import CaseFile
from casedesk.core.demo import build_demo
from casedesk.core.models import AuditEntry, Deadline, DeadlineStatus

RO_PW = "ro-reader-pw-1"


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
         capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.casedesk"
    build_demo(path)
    monkeypatch.setenv("CASEDESK_USER", "admin")
    monkeypatch.setenv("CASEDESK_PASSWORD", "demo")
    monkeypatch.setenv("CASEDESK_NEW_PASSWORD", RO_PW)
    assert main(["user", str(path), "add", "reader", "--role", "read_only"]) == 0
    monkeypatch.delenv("CASEDESK_NEW_PASSWORD")
    capsys.readouterr()
    return path


def login(monkeypatch: pytest.MonkeyPatch, user: str, password: str = "demo") -> None:
    monkeypatch.setenv("CASEDESK_USER", user)
    monkeypatch.setenv("CASEDESK_PASSWORD", password)


def audit_rows(path: Path) -> int:
    with CaseFile.open(path, "admin", "demo") as cf, cf.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_read_only_is_refused_everywhere_with_exit_4(
        demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "contacts.csv"
    data.write_text("id,name\nk1,Imported Person\n", encoding="utf-8")
    doc = tmp_path / "memo.txt"
    doc.write_text("hello", encoding="utf-8")
    f = str(demo)
    commands = [
        (["import", f, str(data)], "edit"),
        (["user", f, "add", "zed", "--role", "assistant"], "administer"),
        (["user", f, "disable", "nikos"], "administer"),
        (["user", f, "role", "nikos", "--role", "admin"], "administer"),
        (["user", f, "reset", "nikos"], "administer"),
        (["user", f, "remove", "nikos"], "administer"),
        (["policy", f, "set", "min_password_length", "12"], "administer"),
        (["export", f, "--format", "json", "--out", str(tmp_path / "x.json")], "export"),
        (["report", f, "weekly", "--out", str(tmp_path / "r.pdf")], "export"),
        (["audit", f], "audit"),
    ]
    before = audit_rows(demo)
    monkeypatch.setenv("CASEDESK_NEW_PASSWORD", "zed-password-1")
    login(monkeypatch, "reader", RO_PW)
    for argv, right in commands:
        assert main(argv) == 4, argv
        err = capsys.readouterr().err.strip()
        assert f"'{right}' right" in err and err.count("\n") == 0, (argv, err)
    assert audit_rows(demo) == before
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "r.pdf").exists()


def test_attorney_and_assistant_limits(demo: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    login(monkeypatch, "nikos")  # assistant: no audit trail, no user admin
    assert main(["audit", str(demo)]) == 4
    assert "'audit' right" in capsys.readouterr().err
    login(monkeypatch, "eleni")  # attorney: audit yes, policies no
    assert main(["audit", str(demo), "--user", "admin", "--limit", "5"]) == 0
    assert main(["policy", str(demo), "set", "strong_passwords", "yes"]) == 4
    assert "'administer' right" in capsys.readouterr().err


def test_reset_password_then_user_must_change(demo: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["user", str(demo), "reset", "maria"]) == 0
    out = capsys.readouterr()
    temporary = out.out.strip().rsplit(" ", 1)[1]
    assert "next log-in" in out.err
    login(monkeypatch, "maria", "demo")
    assert main(["list", str(demo), "matters"]) == 3
    capsys.readouterr()
    login(monkeypatch, "maria", temporary)
    assert main(["user", str(demo), "list"]) == 0
    assert "choose a new one" in capsys.readouterr().err
    monkeypatch.setenv("CASEDESK_NEW_PASSWORD", "maria-new-secret")
    assert main(["user", str(demo), "passwd", "maria"]) == 0
    login(monkeypatch, "maria", "maria-new-secret")
    with CaseFile.open(demo, "maria", "maria-new-secret") as cf:
        assert not cf.must_change_password


def test_disable_enable_role_and_recovery_status(demo: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    f = str(demo)
    assert main(["user", f, "disable", "nikos"]) == 0
    login(monkeypatch, "nikos")
    assert main(["list", f, "matters"]) == 3
    assert "disabled" in capsys.readouterr().err
    login(monkeypatch, "admin")
    assert main(["user", f, "enable", "nikos"]) == 0
    assert main(["user", f, "role", "nikos", "--role", "case_manager"]) == 0
    capsys.readouterr()
    assert main(["user", f, "list", "--json"]) == 0
    rows = {r["username"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["nikos"]["role"] == "case_manager" and rows["nikos"]["active"]
    assert main(["user", f, "recovery"]) == 0
    assert "Recovery key: set" in capsys.readouterr().out


def test_recover_sets_a_new_admin_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "firm.casedesk"
    login(monkeypatch, "boss", "first-password")
    assert main(["init", str(path), "--firm", "Firm", "--admin", "boss"]) == 0
    key = next(line.strip() for line in capsys.readouterr().out.splitlines()
               if line.count("-") == 7)
    monkeypatch.setenv("CASEDESK_RECOVERY_KEY", key)
    monkeypatch.setenv("CASEDESK_NEW_PASSWORD", "after-recovery-pw")
    assert main(["recover", str(path), "--admin", "boss"]) == 0
    login(monkeypatch, "boss", "after-recovery-pw")
    assert main(["user", str(path), "list"]) == 0
    monkeypatch.setenv("CASEDESK_RECOVERY_KEY", key[:-1] + ("A" if key[-1] != "A" else "B"))
    assert main(["recover", str(path), "--admin", "boss"]) == 3


def test_policy_show_set_and_enforcement(demo: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    f = str(demo)
    assert main(["policy", f, "set", "min_password_length", "12"]) == 0
    assert main(["policy", f, "set", "strong_passwords", "yes"]) == 0
    capsys.readouterr()
    assert main(["policy", f, "show"]) == 0
    out = capsys.readouterr().out
    assert "min_password_length = 12\n" in out and "strong_passwords = yes\n" in out
    assert main(["policy", f, "show", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["non_admin_export"] is True
    monkeypatch.setenv("CASEDESK_NEW_PASSWORD", "short-pw")
    assert main(["user", f, "add", "zed"]) == 1
    assert "at least 12" in capsys.readouterr().err
    monkeypatch.setenv("CASEDESK_NEW_PASSWORD", "password1234")
    assert main(["user", f, "add", "zed"]) == 1
    assert "common" in capsys.readouterr().err
    assert main(["policy", f, "set", "nonsense", "1"]) == 1


def test_audit_filters_and_csv(demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    f = str(demo)
    with CaseFile.open(demo, "admin", "demo") as cf, cf.read() as s:
        number = s.execute(select(Deadline.matter_id)).first()
        from casedesk.core.models import Matter

        number = s.scalar(select(Matter.number).where(Matter.id == number[0]))
    assert main(["audit", f, "--matter", number, "--json", "--limit", "5000"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["lines"] and {"matter", "deadline"} <= {x["entity"] for x in data["lines"]}
    assert main(["audit", f, "--user", "reader", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total_rows"] == 0  # reader changed nothing
    assert main(["audit", f, "--user", "admin", "--entity", "user", "--json"]) == 0
    lines = json.loads(capsys.readouterr().out)["lines"]
    assert lines and {x["entity"] for x in lines} == {"user"}
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    assert main(["audit", f, "--from", tomorrow, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total_rows"] == 0
    out = tmp_path / "audit.csv"
    assert main(["audit", f, "--matter", number, "--csv", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["when", "user", "device"]
    assert any(r[3] == "matter" and r[7] == "number" and r[9] == number for r in rows[1:])
    assert main(["audit", f, "--from", "31-12-2020"]) == 2


def test_weekly_report_pdf_and_docx(demo: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    login(monkeypatch, "eleni")
    for_date = date.today() + timedelta(days=10)
    start = for_date - timedelta(days=for_date.weekday())
    with CaseFile.open(demo, "admin", "demo") as cf, cf.read() as s:
        expected = s.scalar(select(func.count(Deadline.id)).where(
            Deadline.status == DeadlineStatus.OPEN.value,
            Deadline.due.between(start, start + timedelta(days=6))))
    pdf, word = tmp_path / "weekly.pdf", tmp_path / "weekly.docx"
    assert main(["report", str(demo), "weekly", "--for", for_date.isoformat(),
                 "--out", str(pdf)]) == 0
    assert f"{expected} deadlines" in capsys.readouterr().err
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))
    assert main(["report", str(demo), "weekly", "--for", for_date.isoformat(),
                 "--out", str(word)]) == 0
    d = docx.Document(str(word))
    summary = {r.cells[0].text: r.cells[1].text for r in d.tables[0].rows}
    assert summary["Deadlines due in the period"] == str(expected)
    cells = [c.text for t in d.tables[1:] for r in t.rows for c in r.cells]
    assert expected == 0 or any(c.startswith(f"{date.today().year}-") and len(c) == 9
                                for c in cells)  # a real matter number like 2026-0013
    assert d.inline_shapes  # the chart
    assert main(["report", str(demo), "weekly", "--out", str(tmp_path / "r.txt")]) == 2


def test_wall_from_the_command_line(demo: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = str(demo)
    with CaseFile.open(demo, "admin", "demo") as cf:
        from casedesk.core.services import queries

        number = queries.matters(cf)[0].number
    assert main(["wall", f, number, "restrict", "eleni", "maria"]) == 0
    capsys.readouterr()
    assert main(["wall", f, number, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["mode"] == "restrict" and info["members"] == ["admin", "eleni", "maria"]
    # an excluded user: the matter does not exist for them, in exports too; a non-admin
    # cannot change the wall (exit 4, one sentence naming the right)
    login(monkeypatch, "james")
    assert main(["wall", f, number]) != 0
    capsys.readouterr()
    out = tmp_path / "all.json"
    assert main(["export", f, "--format", "json", "--out", str(out)]) == 0
    assert f'"{number}"' not in out.read_text(encoding="utf-8")
    login(monkeypatch, "maria")
    before = audit_rows(demo)
    assert main(["wall", f, number, "lift"]) == 4
    assert "administer" in capsys.readouterr().err
    assert audit_rows(demo) == before
    login(monkeypatch, "admin")
    assert main(["wall", f, number, "lift"]) == 0
