"""Packaging: where shipped files are found, the wheel carries them, the licence list, the log
redaction, ``--version``/``--self-test``, and (opt-in) the standalone bundle."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import casedesk
from casedesk import about, resources
from casedesk.cli.main import main
from casedesk.logs import REDACTED, RedactingFormatter, setup_file_logging

ROOT = Path(__file__).resolve().parents[1]

SHIPPED = [
    "casedesk/_data/resources/rules/gr-civil.toml",
    "casedesk/_data/resources/rules/us-federal-civil.toml",
    "casedesk/_data/resources/templates/engagement_letter.docx",
    "casedesk/_data/resources/templates/FIELDS.md",
    "casedesk/_data/resources/intake/base.toml",
    "casedesk/_data/resources/translations/casedesk_el.qm",
    "casedesk/_data/resources/icons/casedesk.png",
    "casedesk/_data/resources/icons/casedesk.svg",
    "casedesk/_data/forms/client_form.ui",
    "casedesk/_data/forms/login_form.ui",
    "casedesk/core/storage/migrations/env.py",
    "casedesk/core/storage/migrations/script.py.mako",
    "casedesk/core/storage/migrations/versions/0001_initial_schema.py",
]


def test_resource_path_in_a_checkout_is_the_top_level_folders() -> None:
    assert resources.data_root() == ROOT
    assert resources.resource_path("rules") == ROOT / "resources" / "rules"
    assert resources.resource_path("forms", "client_form.ui").is_file()
    assert resources.resource_path("forms") == ROOT / "forms"


def test_every_finder_uses_resource_path() -> None:
    from casedesk.core.drafting import shipped_templates_dir
    from casedesk.core.intake import shipped_dir
    from casedesk.core.rules import shipped_rules_dir

    assert shipped_rules_dir() == resources.resource_path("rules")
    assert shipped_templates_dir() == resources.resource_path("templates")
    assert shipped_dir() == resources.resource_path("intake")


def test_resource_path_without_a_checkout_uses_the_packaged_copy(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(resources, "_PACKAGE", tmp_path / "site-packages" / "casedesk")
    (tmp_path / "site-packages" / "resources").mkdir(parents=True)  # someone else's folder
    (tmp_path / "site-packages" / "forms").mkdir()
    resources.data_root.cache_clear()
    try:
        assert resources.resource_path("rules") == (
            tmp_path / "site-packages" / "casedesk" / "_data" / "resources" / "rules")
        assert resources.resource_path("forms") == (
            tmp_path / "site-packages" / "casedesk" / "_data" / "forms")
        monkeypatch.setenv("CASEDESK_DATA_DIR", str(tmp_path))
        resources.data_root.cache_clear()
        assert resources.resource_path("intake") == tmp_path / "resources" / "intake"
    finally:
        resources.data_root.cache_clear()


def test_third_party_file_lists_every_component() -> None:
    text = (ROOT / "packaging" / "THIRD_PARTY.md").read_text(encoding="utf-8")
    for c in about.COMPONENTS:
        assert f"| {c.name} | {c.licence} | {c.url} |" in text, c.name
    assert about.LICENCE in text
    assert "GPL-3.0-or-later" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"casedesk {casedesk.__version__}"


def _record(msg: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    return logging.LogRecord("casedesk.test", logging.INFO, __file__, 1, msg, args, exc_info)


def test_log_formatter_redacts_everything_but_numbers() -> None:
    fmt = RedactingFormatter("%(message)s")
    assert fmt.format(_record("opened matter %s by user %d", "Smith v Jones", 7)) == (
        f"opened matter {REDACTED} by user 7")
    assert fmt.format(_record("count %d", "Smith")) == f"count %d [arguments {REDACTED}]"
    assert fmt.format(_record("%(who)s", {"who": "Ms Client"})) == REDACTED  # type: ignore[arg-type]
    who = "Alice Example"
    try:
        raise ValueError(f"client {who} owes 5000")
    except ValueError as exc:
        text = fmt.format(_record("crash", exc=exc))
    assert "Alice" not in text and "ValueError" in text and "test_packaging.py" in text


def test_file_log_never_holds_arguments(tmp_path: Path) -> None:
    logger = logging.getLogger("casedesk")
    before = list(logger.handlers)
    level = logger.level
    try:
        path = setup_file_logging(tmp_path)
        assert path == tmp_path / "casedesk.log"
        assert setup_file_logging(tmp_path / "other") == path  # once only
        record = _record("note %s saved", "privileged detail")
        logging.getLogger("casedesk.x").handle(record)
        assert record.args == ("privileged detail",)  # other handlers still get the record
        for h in logger.handlers:
            h.flush()
        text = path.read_text(encoding="utf-8")
        assert "note <redacted> saved" in text and "privileged" not in text
    finally:
        for h in logger.handlers:
            if h not in before:
                logger.removeHandler(h)
                h.close()
        logger.setLevel(level)


def test_self_test_without_gui(capsys: pytest.CaptureFixture[str]) -> None:
    from casedesk.selftest import run_self_test

    assert run_self_test(gui=False) == 0
    out = capsys.readouterr().out
    assert "ok   sqlcipher: SQLCipher" in out and "self-test passed" in out


def _build_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


@pytest.mark.slow
def test_wheel_and_sdist_carry_the_shipped_files(tmp_path: Path) -> None:
    pytest.importorskip("build", reason="pip install build (the 'bundle' extra)")
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, env=_build_env(), timeout=300)
    wheel = next(tmp_path.glob("casedesk-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [n for n in SHIPPED if n not in names]
    assert not missing, missing
    assert not [n for n in names if n.endswith("make_templates.py") or "__pycache__" in n]
    sdist = next(tmp_path.glob("casedesk-*.tar.gz"))
    assert sdist.stat().st_size > 0


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("CASEDESK_BUNDLE_TESTS"),
                    reason="set CASEDESK_BUNDLE_TESTS=1 after `make bundle` to test the bundle")
def test_bundle_self_test_in_a_clean_environment(tmp_path: Path) -> None:
    bundle = ROOT / "dist" / "casedesk"
    if not (bundle / "casedesk").is_file():
        pytest.fail("no bundle in dist/casedesk: run `make bundle` first")
    copy = tmp_path / "casedesk"
    shutil.copytree(bundle, copy, symlinks=True)
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([str(copy / "casedesk"), "--self-test"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout
