"""`casedesk backup` and `casedesk restore`: exit codes and one-sentence errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from casedesk.cli.main import main
from casedesk.core.casefile import CaseFile
from casedesk.core.interchange import export_document
from casedesk.core.services import documents
from tests.core.test_documents import make_matter
from tests.support import ADMIN_PW, REPO


@pytest.fixture
def env(cf: CaseFile, monkeypatch: pytest.MonkeyPatch) -> CaseFile:
    monkeypatch.setenv("CASEDESK_USER", "admin")
    monkeypatch.setenv("CASEDESK_PASSWORD", ADMIN_PW)
    matter = make_matter(cf, "2026-0001", "Maria Georgiou")
    documents.add_document(cf, matter, "memo.txt", b"A memo about the aardwolf.")
    return cf


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def one_sentence(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("casedesk: "), err
    return lines[0]


def test_backup_then_restore(env: CaseFile, case_path: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, err = run(capsys, "backup", str(case_path), "--out", str(out))
    assert code == 0, err
    made = Path(stdout.strip())
    assert made.parent == out and made.name.endswith(".casedesk-backup")
    assert "verified" in err
    target = tmp_path / "restored.casedesk"
    code, stdout, err = run(capsys, "restore", str(made), "--to", str(target))
    assert code == 0, err
    assert Path(stdout.strip()) == target
    with CaseFile.open(target, "admin", ADMIN_PW) as r:
        assert export_document(r) == export_document(env)

    code, _, err = run(capsys, "restore", str(made), "--to", str(target))
    assert code == 1
    assert "never over an existing or open case file" in one_sentence(err)


def test_backup_errors(env: CaseFile, case_path: Path, tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "backup", str(case_path), "--out", str(tmp_path / "missing"))
    assert code == 1
    assert "does not exist" in one_sentence(err)
    code, _, err = run(capsys, "backup", str(tmp_path / "nope.casedesk"), "--out", str(tmp_path))
    assert code == 1
    one_sentence(err)


def test_restore_refuses_damaged_backups(env: CaseFile, case_path: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = run(capsys, "backup", str(case_path), "--out", str(tmp_path))
    made = Path(stdout.strip())
    data = bytearray(made.read_bytes())
    truncated = tmp_path / "truncated.casedesk-backup"
    truncated.write_bytes(bytes(data[:-4096]))
    data[len(data) // 2] ^= 0x40
    altered = tmp_path / "altered.casedesk-backup"
    altered.write_bytes(bytes(data))
    for bad, word in ((truncated, "truncated"), (altered, "altered")):
        target = tmp_path / f"from-{bad.stem}.casedesk"
        code, stdout, err = run(capsys, "restore", str(bad), "--to", str(target))
        assert code == 1
        assert stdout == ""
        line = one_sentence(err)
        assert word in line and "nothing was restored" in line
        assert not target.exists()


def test_restore_wrong_password_exit_3(env: CaseFile, case_path: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    code, stdout, _ = run(capsys, "backup", str(case_path), "--out", str(tmp_path))
    monkeypatch.setenv("CASEDESK_PASSWORD", "wrong")
    target = tmp_path / "r.casedesk"
    code, _, err = run(capsys, "restore", stdout.strip(), "--to", str(target))
    assert code == 3
    one_sentence(err)
    assert not target.exists()


def test_backup_in_a_subprocess(env: CaseFile, case_path: Path, tmp_path: Path) -> None:
    """The real command line, while this process keeps the case file open."""
    import os

    environ = {**os.environ, "CASEDESK_USER": "admin", "CASEDESK_PASSWORD": ADMIN_PW}
    proc = subprocess.run([sys.executable, "-m", "casedesk", "backup", str(case_path),
                           "--out", str(tmp_path)], env=environ, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert Path(proc.stdout.strip()).exists()
