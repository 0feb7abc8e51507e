"""The doc, search, draft and templates commands (in-process, plus one subprocess run)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casedesk.cli.main import main
from casedesk.core.casefile import CaseFile
from casedesk.core.services import documents
from tests.core.test_documents import make_docx, make_matter
from tests.support import ADMIN_PW, REPO


@pytest.fixture
def env(cf: CaseFile, monkeypatch: pytest.MonkeyPatch) -> CaseFile:
    monkeypatch.setenv("CASEDESK_USER", "admin")
    monkeypatch.setenv("CASEDESK_PASSWORD", ADMIN_PW)
    make_matter(cf, "2026-0001", "Maria Georgiou")
    return cf


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_doc_add_list_get(env: CaseFile, case_path: Path, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "Statement of claim.docx"
    src.write_bytes(make_docx("The aardwolf statement of claim."))
    code, out, err = run(capsys, "doc", str(case_path), "add", "--matter", "2026-0001", str(src),
                         "--title", "Statement of claim", "--category", "pleading")
    assert code == 0, err
    doc_id = out.strip()
    assert out == doc_id + "\n" and len(doc_id) == 36

    code, out, _ = run(capsys, "doc", str(case_path), "list", "--matter", "2026-0001", "--json")
    [row] = json.loads(out)
    assert (row["id"], row["title"], row["category"], row["versions"], row["filename"]) == (
        doc_id, "Statement of claim", "pleading", 1, "Statement of claim.docx")
    code, out, _ = run(capsys, "doc", str(case_path), "list", "--matter", "2026-0001")
    assert "Statement of claim" in out and "pleading" in out

    dest = tmp_path / "out.docx"
    code, _, err = run(capsys, "doc", str(case_path), "get", doc_id, "--out", str(dest))
    assert code == 0, err
    assert dest.read_bytes() == src.read_bytes()
    documents.add_version(env, doc_id, "v2.txt", b"second")
    code, _, _ = run(capsys, "doc", str(case_path), "get", doc_id, "--out", str(dest),
                     "--version", "2")
    assert dest.read_bytes() == b"second"
    code, out, _ = run(capsys, "doc", str(case_path), "versions", doc_id, "--json")
    assert [v["version"] for v in json.loads(out)] == [1, 2]


def test_search_json_names_kind_title_and_matter(env: CaseFile, case_path: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "memo.txt"
    src.write_text("Observations about the okapi in the garden.")
    assert run(capsys, "doc", str(case_path), "add", "--matter", "2026-0001", str(src))[0] == 0
    code, out, _ = run(capsys, "search", str(case_path), "okapi", "--json")
    assert code == 0
    assert json.loads(out) == [{"kind": "document", "id": json.loads(out)[0]["id"],
                                "title": "memo", "subtitle": "Other · memo.txt",
                                "matter": "2026-0001"}]
    code, out, _ = run(capsys, "search", str(case_path), "georgiou", "--json")
    kinds = {h["kind"] for h in json.loads(out)}
    assert {"client", "matter"} <= kinds
    code, out, err = run(capsys, "search", str(case_path), "nothingmatchesthis")
    assert code == 0 and "Nothing matches" in err


def test_draft_and_templates(env: CaseFile, case_path: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "letter.docx"
    code, _, err = run(capsys, "draft", str(case_path), "--matter", "2026-0001", "--template",
                       "engagement_letter", "--out", str(out_file))
    assert code == 0, err
    from casedesk.core.textextract import extract_text

    assert "Maria Georgiou" in extract_text(out_file.read_bytes(), "letter.docx")
    [row] = documents.list_documents(env, documents.matter_by_number(env, "2026-0001").id)
    assert row.title == "Engagement letter"

    code, out, _ = run(capsys, "templates", str(case_path), "--json")
    listed = {t["name"]: t for t in json.loads(out)}
    assert "client.name" in listed["engagement_letter"]["fields"]
    code, out, _ = run(capsys, "templates", str(case_path))
    assert "engagement_letter" in out and "client.name" in out

    tpl = tmp_path / "note.docx"
    tpl.write_bytes(make_docx("{{ client.name }} / {{ matter.number }}"))
    assert run(capsys, "templates", str(case_path), "add", "Note", str(tpl))[0] == 0
    code, out, _ = run(capsys, "templates", str(case_path), "--json")
    assert {"name": "Note", "source": "firm", "filename": "note.docx", "description": "Note",
            "fields": ["client.name", "matter.number"]} in json.loads(out)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(make_docx("{{ client.shoe_size }}"))
    code, _, err = run(capsys, "templates", str(case_path), "add", "Bad", str(bad))
    assert code == 1 and "client.shoe_size" in err
    assert run(capsys, "templates", str(case_path), "remove", "Note")[0] == 0


def test_errors_and_exit_codes(env: CaseFile, case_path: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "a.txt"
    src.write_text("a")
    code, _, err = run(capsys, "doc", str(case_path), "add", "--matter", "1999-9", str(src))
    assert (code, err) == (1, "casedesk: There is no matter numbered 1999-9.\n")
    code, _, err = run(capsys, "doc", str(case_path), "add", "--matter", "2026-0001",
                       str(tmp_path / "missing.pdf"))
    assert code == 1 and "There is no file" in err and "missing.pdf" in err
    code, _, err = run(capsys, "doc", str(case_path), "get", "nope", "--out",
                       str(tmp_path / "x"))
    assert code == 1 and "no document" in err
    code, _, err = run(capsys, "draft", str(case_path), "--matter", "2026-0001", "--template",
                       "no_such", "--out", str(tmp_path / "d.docx"))
    assert code == 1 and "no template named 'no_such'" in err
    not_docx = tmp_path / "fake.docx"
    not_docx.write_bytes(b"plain text pretending")
    code, _, err = run(capsys, "templates", str(case_path), "add", "Fake", str(not_docx))
    assert code == 1 and "not a valid Word .docx file" in err
    with pytest.raises(SystemExit) as info:
        main(["doc", str(case_path), "add", "--matter", "2026-0001", str(src), "--category",
              "gossip"])
    assert info.value.code == 2
    capsys.readouterr()
    with pytest.raises(SystemExit) as info:
        main(["doc", str(case_path), "list"])
    assert info.value.code == 2
    capsys.readouterr()
    assert run(capsys, "templates", str(case_path), "add", "OnlyName")[0] == 2
    monkeypatch.setenv("CASEDESK_PASSWORD", "wrong-password")
    code, _, err = run(capsys, "search", str(case_path), "x")
    assert code == 3


def test_doc_add_prints_only_the_id_in_a_subprocess(env: CaseFile, case_path: Path,
                                                    tmp_path: Path) -> None:
    src = tmp_path / "n.txt"
    src.write_bytes(b"note")
    proc = subprocess.run(
        [sys.executable, "-m", "casedesk", "doc", str(case_path), "add", "--matter",
         "2026-0001", str(src)],
        capture_output=True, cwd=REPO, env={**os.environ, "PYTHONWARNINGS": "ignore"},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    doc_id = proc.stdout.decode().strip()
    assert proc.stdout == (doc_id + "\n").encode()
    assert documents.get_content(env, doc_id)[1] == b"note"
    assert io.BytesIO(proc.stderr).read() == b""
