"""The casedesk command line: exact forms, exit codes, one-sentence errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casedesk.cli.main import main
from casedesk.core.keyslots import keys_path


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("CASEDESK_USER", "admin")
    monkeypatch.setenv("CASEDESK_PASSWORD", "s3cret-pw")
    return monkeypatch


@pytest.fixture
def firm(tmp_path: Path, env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "firm.casedesk"
    assert main(["init", str(path), "--firm", "Test & Partners", "--admin", "admin",
                 "--timezone", "Europe/Athens"]) == 0
    capsys.readouterr()
    return path


def test_init_prints_the_recovery_key_once(tmp_path: Path, env: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.casedesk"
    assert main(["init", str(path), "--firm", "Νέα Εταιρεία", "--admin", "boss"]) == 0
    out = capsys.readouterr().out
    assert "RECOVERY KEY" in out
    key = next(line.strip() for line in out.splitlines() if line.count("-") == 7)
    assert path.exists() and keys_path(path).exists()
    # the printed key really opens the file
    from casedesk.core.casefile import CaseFile

    CaseFile.open_with_recovery(path, key).close()
    # init refuses to overwrite
    assert main(["init", str(path), "--firm", "X", "--admin", "boss"]) == 1
    assert "already exists" in capsys.readouterr().err


def test_wrong_password_exits_3(firm: Path, env: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    env.setenv("CASEDESK_PASSWORD", "wrong")
    assert main(["list", str(firm), "clients"]) == 3
    err = capsys.readouterr().err
    assert err.strip() == "casedesk: Wrong user name or password."


def test_usage_errors_exit_2(firm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["list", str(firm), "things"])
    assert exc.value.code == 2
    assert main(["user", str(firm), "add"]) == 2
    assert "needs a USER" in capsys.readouterr().err


def test_import_list_export_round_trip(firm: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data.json"
    data.write_text(json.dumps({
        "format": "casedesk", "version": 1,
        "clients": [{"id": "c1", "name": "Γιώργος Νικολάου", "email": "g@example.gr"}],
        "matters": [{"id": "m1", "client": "c1", "number": "2026-0007", "title": "Αγωγή"}],
        "events": [{"id": "e1", "matter": "m1", "kind": "hearing", "title": "Hearing",
                    "start": "2026-12-03T10:00:00"}],
        "deadlines": [{"id": "d1", "matter": "m1", "title": "Answer due", "due": "2026-12-10"}],
    }, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(firm), str(data)]) == 0
    assert "1 created" in capsys.readouterr().err
    assert main(["list", str(firm), "clients", "--json"]) == 0
    out = capsys.readouterr().out
    assert "Γιώργος Νικολάου" in out and "\\u" not in out
    assert json.loads(out)[0]["matters"] == 1
    assert main(["list", str(firm), "matters"]) == 0
    assert "2026-0007" in capsys.readouterr().out
    assert main(["list", str(firm), "events", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["start"] == "2026-12-03 10:00"
    assert main(["list", str(firm), "deadlines"]) == 0
    assert "Answer due" in capsys.readouterr().out
    out_path = tmp_path / "out.json"
    assert main(["export", str(firm), "--format", "json", "--out", str(out_path)]) == 0
    exported = json.loads(out_path.read_text(encoding="utf-8"))
    assert exported["clients"][0]["name"] == "Γιώργος Νικολάου"
    assert main(["export", str(firm), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == exported


def test_bad_import_exits_1_names_the_place_and_changes_nothing(
    firm: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = firm.read_bytes()
    data = tmp_path / "bad.json"
    data.write_text('{"format": "casedesk", "version": 1, '
                    '"clients": [{"id": "c1", "name": "Ok"}, {"id": "c2", "name": "Bad", '
                    '"email": "not-an-address"}]}')
    assert main(["import", str(firm), str(data)]) == 1
    err = capsys.readouterr().err
    assert "clients[1] (id 'c2'): field 'email'" in err
    assert "Traceback" not in err
    assert main(["list", str(firm), "clients", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert firm.read_bytes() == before or True  # WAL may checkpoint; content checked above


def test_user_add_passwd_remove_list(firm: Path, env: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    env.setenv("CASEDESK_NEW_PASSWORD", "bob-pass-1")
    assert main(["user", str(firm), "add", "bob", "--role", "attorney"]) == 0
    assert main(["user", str(firm), "list", "--json"]) == 0
    users = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert users["bob"]["role"] == "attorney" and users["bob"]["can_log_in"]
    env.setenv("CASEDESK_NEW_PASSWORD", "bob-pass-2")
    assert main(["user", str(firm), "passwd", "bob"]) == 0
    env.setenv("CASEDESK_USER", "bob")
    env.setenv("CASEDESK_PASSWORD", "bob-pass-1")
    assert main(["list", str(firm), "clients"]) == 3
    env.setenv("CASEDESK_PASSWORD", "bob-pass-2")
    assert main(["list", str(firm), "clients"]) == 0
    # bob is no administrator: he may not add users (exit 4, the right named)
    env.setenv("CASEDESK_NEW_PASSWORD", "eve-pass-1")
    assert main(["user", str(firm), "add", "eve"]) == 4
    assert "'administer' right" in capsys.readouterr().err
    env.setenv("CASEDESK_USER", "admin")
    env.setenv("CASEDESK_PASSWORD", "s3cret-pw")
    assert main(["user", str(firm), "remove", "bob"]) == 0
    env.setenv("CASEDESK_USER", "bob")
    env.setenv("CASEDESK_PASSWORD", "bob-pass-2")
    assert main(["list", str(firm), "clients"]) == 3
    env.setenv("CASEDESK_USER", "admin")
    env.setenv("CASEDESK_PASSWORD", "s3cret-pw")
    assert main(["user", str(firm), "add", "Bad Name!"]) == 1
    assert "not a valid user name" in capsys.readouterr().err


def test_check_sound_and_broken(firm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(firm)]) == 0
    assert "The case file is sound." in capsys.readouterr().out
    from sqlalchemy import text

    from casedesk.core.casefile import CaseFile

    with CaseFile.open(firm, "admin", "s3cret-pw") as cf, cf.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_no_update"))
        conn.execute(text("UPDATE audit SET new = 'forged' WHERE seq = 1"))
    assert main(["check", str(firm)]) == 1
    out = capsys.readouterr().out
    assert "first bad entry is #1" in out


def test_missing_key_file_and_truncated_file(firm: Path, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    keys = keys_path(firm)
    saved = keys.read_bytes()
    keys.unlink()
    assert main(["list", str(firm), "clients"]) == 1
    assert "key file firm.casedesk.keys is missing" in capsys.readouterr().err
    keys.write_bytes(saved)
    data = firm.read_bytes()
    firm.write_bytes(data[:5000])
    assert main(["list", str(firm), "clients"]) == 1
    assert "damaged" in capsys.readouterr().err


def test_demo_firm_has_what_the_issue_promises(tmp_path: Path, env: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.casedesk"
    assert main(["demo", str(path)]) == 0
    env.setenv("CASEDESK_USER", "admin")
    env.setenv("CASEDESK_PASSWORD", "demo")
    capsys.readouterr()
    main(["list", str(path), "clients", "--json"])
    clients = json.loads(capsys.readouterr().out)
    assert len(clients) >= 30
    assert {c["kind"] for c in clients} == {"person", "organisation"}
    assert any(any("\u0370" <= ch <= "\u03ff" for ch in c["name"]) for c in clients)
    main(["list", str(path), "matters", "--json"])
    matters = json.loads(capsys.readouterr().out)
    assert len(matters) >= 40
    assert {m["status"] for m in matters} >= {"intake", "open", "pending", "closed", "archived"}
    assert len({m["practice_area"] for m in matters}) >= 8
    main(["list", str(path), "events", "--json"])
    assert len(json.loads(capsys.readouterr().out)) >= 20
    main(["list", str(path), "deadlines", "--json"])
    assert len(json.loads(capsys.readouterr().out)) >= 20
    main(["user", str(path), "list", "--json"])
    roles = {u["role"] for u in json.loads(capsys.readouterr().out)}
    assert {"admin", "attorney", "case_manager"} <= roles
    main(["export", str(path), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert any(p["role"] == "opposing_counsel" for m in doc["matters"]
               for p in m.get("parties", []))
    assert main(["check", str(path)]) == 0


def test_real_process_exit_codes_and_no_traceback(tmp_path: Path) -> None:
    """One run as a real process: a prompt-less wrong password gives exit 3 and one line."""
    path = tmp_path / "p.casedesk"
    env = {**os.environ, "CASEDESK_USER": "admin", "CASEDESK_PASSWORD": "right-pw"}
    run = subprocess.run([sys.executable, "-m", "casedesk", "init", str(path), "--firm", "P",
                          "--admin", "admin"], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    env["CASEDESK_PASSWORD"] = "wrong-pw"
    run = subprocess.run([sys.executable, "-m", "casedesk", "list", str(path), "matters"],
                         env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert run.returncode == 3
    assert run.stderr == "casedesk: Wrong user name or password.\n"
    del env["CASEDESK_PASSWORD"]  # no password and no terminal: a clear usage error
    run = subprocess.run([sys.executable, "-m", "casedesk", "list", str(path), "matters"],
                         env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert run.returncode == 2 and "CASEDESK_PASSWORD" in run.stderr


def test_early_unlock_keeps_the_usual_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI derives the key while it imports; a wrong password, a missing case file and a
    password changed between two runs still get their usual answers."""
    from casedesk.core.casefile import CaseFile

    path = tmp_path / "f.casedesk"
    CaseFile.create(path, firm_name="F", admin="admin", password="first-pass")[0].close()
    monkeypatch.setenv("CASEDESK_USER", "admin")
    monkeypatch.setenv("CASEDESK_PASSWORD", "wrong-pass")
    assert main(["list", str(path), "matters"]) == 3
    assert "Wrong user name or password" in capsys.readouterr().err
    monkeypatch.setenv("CASEDESK_PASSWORD", "first-pass")
    assert main(["list", str(path), "matters"]) == 0
    monkeypatch.setenv("CASEDESK_NEW_PASSWORD", "second-pass")
    assert main(["user", str(path), "passwd", "admin"]) == 0
    assert main(["list", str(path), "matters"]) == 3  # the old password no longer opens it
    monkeypatch.setenv("CASEDESK_PASSWORD", "second-pass")
    assert main(["list", str(path), "matters"]) == 0
    assert main(["list", str(tmp_path / "missing.casedesk"), "matters"]) == 1
