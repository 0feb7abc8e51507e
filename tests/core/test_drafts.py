"""Word drafting from the case file: shipped and firm templates, drafts stored as documents."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casedesk.core import crypto, drafting
from casedesk.core.casefile import CaseFile
from casedesk.core.demo import build_demo
from casedesk.core.docmodels import Template
from casedesk.core.errors import NotFound, TemplateError, ValidationError
from casedesk.core.models import Blob, Matter
from casedesk.core.services import documents, drafts
from casedesk.core.textextract import extract_text


def make_docx(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.casedesk"
    build_demo(path, kdf=crypto.TEST_KDF)
    return path


@pytest.fixture
def demo_cf(demo: Path, tmp_path: Path) -> CaseFile:
    import shutil

    copy = tmp_path / "demo.casedesk"
    shutil.copy(demo, copy)
    shutil.copy(Path(f"{demo}.keys"), Path(f"{copy}.keys"))
    cf = CaseFile.open(copy, "admin", "demo")
    yield cf  # type: ignore[misc]
    cf.close()


def _litigated_matter(cf: CaseFile) -> Matter:
    with cf.read() as s:
        return s.scalars(select(Matter).where(Matter.court.is_not(None),
                                              Matter.status == "open")
                         .order_by(Matter.number)).first()


def _document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist()
                       if n.startswith("word/") and n.endswith(".xml"))


@pytest.mark.parametrize("name", sorted(drafting.list_shipped_templates()))
def test_every_shipped_template_drafts_for_a_demo_matter(demo_cf: CaseFile, name: str) -> None:
    matter = _litigated_matter(demo_cf)
    doc = drafts.draft(demo_cf, matter.id, name)
    ver, data = documents.get_content(demo_cf, doc.id)
    assert ver.filename.endswith(".docx") and matter.number in ver.filename
    text = extract_text(data, ver.filename)
    assert matter.client.name in text and matter.number in text
    assert "{{" not in _document_xml(data) and "{%" not in _document_xml(data)
    assert doc.category in ("correspondence", "other") and "draft" in doc.tags
    assert doc.id in {d.id for d in documents.list_documents(demo_cf, matter.id)}


def test_firm_template_add_list_draft_remove(cf: CaseFile) -> None:
    from tests.core.test_documents import make_matter

    matter = make_matter(cf, client="Smith & <Sons>")
    data = make_docx("Re: {{ matter.number }} for {{ client.name }}", "{{ today }}")
    tpl = drafts.add_template(cf, "Short note", data, description="A one-liner")
    assert tpl.name == "Short note"
    firm = [t for t in drafts.list_templates(cf) if t.source == "firm"]
    assert [(t.name, t.fields) for t in firm] == [("Short note",
                                                   ["client.name", "matter.number", "today"])]
    shipped = [t for t in drafts.list_templates(cf) if t.source == "shipped"]
    assert {t.name for t in shipped} == set(drafting.list_shipped_templates())
    doc = drafts.draft(cf, matter, "Short note")
    text = extract_text(documents.get_content(cf, doc.id)[1], "d.docx")
    assert "2026-0001 for Smith & <Sons>" in text
    with pytest.raises(ValidationError, match="already a firm template"):
        drafts.add_template(cf, "Short note", data)
    drafts.remove_template(cf, "Short note")
    assert [t for t in drafts.list_templates(cf) if t.source == "firm"] == []
    with pytest.raises(NotFound, match="no template named 'Short note'"):
        drafts.draft(cf, matter, "Short note")


@pytest.mark.parametrize(("data", "message"), [
    (b"this is not a word file", "not a valid Word .docx file"),
    (make_docx("Dear {{ client.nmae }}"), "client.nmae"),
    (make_docx("Dear {{ client.name }", "second line"), "syntax error"),
])
def test_bad_firm_template_is_refused_and_nothing_stored(cf: CaseFile, data: bytes,
                                                         message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        drafts.add_template(cf, "bad", data, filename="bad.docx")
    with cf.read() as s:
        assert s.scalar(select(func.count()).select_from(Template)) == 0
        assert s.scalar(select(func.count()).select_from(Blob)) == 0


def test_template_names_are_checked(cf: CaseFile) -> None:
    ok = make_docx("{{ client.name }}")
    with pytest.raises(ValidationError, match="shipped with casedesk"):
        drafts.add_template(cf, "engagement_letter", ok)
    with pytest.raises(ValidationError, match="not a usable template name"):
        drafts.add_template(cf, "../evil", ok)
