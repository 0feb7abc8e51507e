"""Word drafting: shipped templates, the merge context, and the sandbox around user templates."""

from __future__ import annotations

import builtins
import importlib.util
import io
import shutil
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document

from casedesk.core import drafting
from casedesk.core.drafting import (
    FIELDS,
    build_context,
    fields_markdown,
    list_shipped_templates,
    render_template,
    shipped_templates_dir,
    template_fields,
    validate_template,
)
from casedesk.core.errors import TemplateError

TODAY = date(2026, 11, 28)
REQUIRED_TEMPLATES = {
    "engagement_letter",
    "client_intake_summary",
    "hearing_notice_to_client",
    "court_filing_cover_letter",
    "discovery_request_cover_letter",
}
LEFTOVER_MARKERS = ("{{", "}}", "{%", "%}", "{#", "#}")


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def make_docx(*paragraphs: str, header: str | None = None, table: list[list[str]] | None = None):
    """A small .docx (built with python-docx) holding *paragraphs*, optionally a header/table."""
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if table:
        tbl = doc.add_table(rows=0, cols=len(table[0]))
        for row in table:
            cells = tbl.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
    if header is not None:
        doc.sections[0].header.paragraphs[0].text = header
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _walk(container, out: list[str]) -> None:
    for paragraph in container.paragraphs:
        out.append(paragraph.text)
    for table in container.tables:
        for row in table.rows:
            for cell in row.cells:
                _walk(cell, out)


def all_text(docx: bytes) -> str:
    """Every piece of visible text in a .docx: body, tables, headers and footers."""
    doc = Document(io.BytesIO(docx))
    out: list[str] = []
    _walk(doc, out)
    for section in doc.sections:
        for part in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            if not part.is_linked_to_previous:
                _walk(part, out)
    return "\n".join(out)


def body_paragraphs(docx: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(docx)).paragraphs]


def sample_context(locale: str = "en", **overrides) -> dict:
    args = {
        "firm": {
            "name": "Papadopoulos & Partners",
            "address": "12 Akadimias Street\nAthens 106 71",
            "phone": "+30 210 123 4567",
            "email": "office@pp-law.example",
        },
        "client": {
            "name": "Maria Georgiou",
            "address": "5 Ermou Street\nThessaloniki 546 24",
            "salutation": "Dear Ms Georgiou",
            "email": "maria@example.com",
            "phone": "+30 694 000 0000",
        },
        "matter": {
            "number": "2026-0142",
            "title": "Georgiou v. Northwind Shipping",
            "court": "Athens Court of First Instance",
            "case_number": "4711/2026",
            "judge": None,
            "practice_area": "Commercial litigation",
            "status": "Open",
        },
        "parties": [
            {"name": "Northwind Shipping S.A.", "role": "Opposing party"},
            {"name": "Dimitris Alexiou", "role": "opposing_counsel"},
            {"name": "Eleni Vlachou", "role": "witness"},
            {"name": "Nikos Pappas", "role": "Witness"},
        ],
        "attorney": {"name": "Ioannis Papadopoulos", "email": "ip@pp-law.example"},
        "case_manager": {"name": "Sofia Karali", "email": "sk@pp-law.example"},
        "deadlines": [
            {"title": "Submit evidence", "due": "2027-01-10", "rule": ""},
            {"title": "File statement of claim", "due": date(2026, 12, 7), "rule": "CPC 215"},
            {"title": "Already passed", "due": date(2026, 11, 1)},
            {"title": "Done already", "due": date(2026, 12, 1), "done": True},
        ],
        "hearings": [
            {"title": "Follow-up hearing", "start": "2027-03-01", "location": ""},
            {"title": "Main hearing", "start": datetime(2027, 1, 14, 9, 30), "location": "Room 5"},
        ],
        "locale": locale,
        "today": TODAY,
    }
    args.update(overrides)
    return build_context(**args)


def resolve(context: dict, field: str):
    """The value a documented field name ('deadlines[].title') denotes in *context*."""
    value = context
    for part in field.split("."):
        is_list = part.endswith("[]")
        value = value[part.removesuffix("[]")]
        if is_list:
            assert isinstance(value, list)
            if not value:
                return None
            value = value[0]
    return value


@pytest.fixture(scope="module")
def shipped() -> dict[str, Path]:
    return list_shipped_templates()


# --------------------------------------------------------------------------------------------
# Shipped templates
# --------------------------------------------------------------------------------------------


def test_the_template_library_is_shipped(shipped):
    assert set(shipped) >= REQUIRED_TEMPLATES
    assert shipped_templates_dir().is_dir()
    for path in shipped.values():
        assert path.parent == shipped_templates_dir()
        assert path.suffix == ".docx"


@pytest.mark.parametrize("name", sorted(REQUIRED_TEMPLATES))
def test_shipped_template_renders_completely(shipped, name):
    context = sample_context()
    out = render_template(shipped[name].read_bytes(), context, name=f"{name}.docx")
    text = all_text(out)
    for marker in LEFTOVER_MARKERS:
        assert marker not in text, f"{name}: leftover {marker!r}"
    assert "Maria Georgiou" in text
    assert "2026-0142" in text
    assert "Papadopoulos & Partners" in text  # '&' survived escaping
    assert "None" not in text


@pytest.mark.parametrize("name", sorted(REQUIRED_TEMPLATES))
def test_shipped_template_renders_with_a_sparse_matter(shipped, name):
    """Only a client name and matter number are known: still renders, no leftovers."""
    context = build_context(
        {}, {"name": "Maria Georgiou"}, {"number": "2026-0142"}, [], None, None, [], [],
        today=TODAY,
    )  # fmt: skip
    text = all_text(render_template(shipped[name].read_bytes(), context))
    for marker in LEFTOVER_MARKERS:
        assert marker not in text
    assert "Maria Georgiou" in text or name == "discovery_request_cover_letter"
    assert "2026-0142" in text


@pytest.mark.parametrize("name", sorted(REQUIRED_TEMPLATES))
def test_shipped_template_is_valid_and_uses_documented_fields(shipped, name):
    data = shipped[name].read_bytes()
    assert validate_template(data) == []
    documented = {field.name for field in FIELDS}
    used = template_fields(data)
    assert used, name
    assert used <= documented, used - documented


def test_intake_summary_repeats_deadline_and_hearing_rows(shipped):
    out = render_template(shipped["client_intake_summary"].read_bytes(), sample_context())
    doc = Document(io.BytesIO(out))
    rows = [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]
    assert ["7 December 2026", "File statement of claim", "CPC 215"] in rows
    assert ["10 January 2027", "Submit evidence", ""] in rows
    assert ["14 January 2027, 09:30", "Main hearing", "Room 5"] in rows
    flat = "\n".join(" | ".join(r) for r in rows)
    assert "Already passed" not in flat
    assert "Done already" not in flat
    assert "No upcoming deadlines" not in flat


def test_intake_summary_says_when_there_are_no_deadlines(shipped):
    context = sample_context(deadlines=[], hearings=[])
    text = all_text(render_template(shipped["client_intake_summary"].read_bytes(), context))
    assert "No upcoming deadlines are recorded." in text
    assert "No hearings are scheduled." in text


def test_hearing_notice_names_the_next_hearing_and_drops_unknown_judge(shipped):
    out = render_template(shipped["hearing_notice_to_client"].read_bytes(), sample_context())
    text = all_text(out)
    assert "14 January 2027, 09:30" in text
    assert "Room 5" in text
    assert "Judge" not in text  # the {%tr if matter.judge %} row is left out
    assert "1 March 2027 — Follow-up hearing" in text


def test_shipped_templates_match_make_templates_script(tmp_path, shipped, monkeypatch):
    """The .docx files are generated by make_templates.py: regenerate and compare the text."""
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # no __pycache__ in resources/
    script = shipped_templates_dir() / "make_templates.py"
    spec = importlib.util.spec_from_file_location("casedesk_make_templates", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in REQUIRED_TEMPLATES:
        assert all_text((tmp_path / f"{name}.docx").read_bytes()) == all_text(
            shipped[name].read_bytes()
        ), f"{name}.docx is out of date: run resources/templates/make_templates.py"
    assert (tmp_path / "FIELDS.md").read_text(encoding="utf-8") == fields_markdown()


# --------------------------------------------------------------------------------------------
# Fields and context
# --------------------------------------------------------------------------------------------


def test_fields_md_matches_fields():
    text = (shipped_templates_dir() / "FIELDS.md").read_text(encoding="utf-8")
    assert text == fields_markdown()
    for field in FIELDS:
        assert f"| `{field.name}` |" in text
    assert len({f.name for f in FIELDS}) == len(FIELDS)


def test_every_documented_field_exists_even_when_nothing_is_known():
    context = build_context({}, {}, {}, [], None, None, [], [], today=TODAY)
    for field in FIELDS:
        value = resolve(context, field.name)
        assert value is None or isinstance(value, str | list | dict), field.name
    assert context["matter"]["judge"] == ""
    assert context["next_hearing"]["start"] == ""
    assert context["next_deadline"]["due"] == ""
    assert context["parties"]["opposing_party"] == []
    assert context["client"]["salutation"] == "Dear Sir or Madam"


def test_every_documented_field_has_a_value_for_a_full_matter():
    context = sample_context()
    for field in FIELDS:
        assert resolve(context, field.name) is not None, field.name


def test_context_values():
    context = sample_context()
    assert context["today"] == "28 November 2026"
    assert context["today_iso"] == "2026-11-28"
    assert context["firm"]["address_line"] == "12 Akadimias Street, Athens 106 71"
    assert context["parties"]["opposing_party"] == ["Northwind Shipping S.A."]
    assert context["parties"]["witness"] == ["Eleni Vlachou", "Nikos Pappas"]
    assert context["witnesses"] == "Eleni Vlachou and Nikos Pappas"
    assert context["opposing_counsel"] == "Dimitris Alexiou"
    assert [d["title"] for d in context["deadlines"]] == [
        "File statement of claim",
        "Submit evidence",
    ]
    assert context["deadlines"][0] == {
        "title": "File statement of claim",
        "due": "7 December 2026",
        "due_iso": "2026-12-07",
        "rule": "CPC 215",
    }
    assert context["next_deadline"] == context["deadlines"][0]
    assert [h["title"] for h in context["hearings"]] == ["Main hearing", "Follow-up hearing"]
    assert context["next_hearing"]["start"] == "14 January 2027, 09:30"
    assert context["next_hearing"]["time"] == "09:30"
    assert context["hearings"][1]["start"] == "1 March 2027"
    assert context["hearings"][1]["time"] == ""
    assert context["attorney"] == {
        "name": "Ioannis Papadopoulos",
        "email": "ip@pp-law.example",
        "phone": "",
    }


def test_coded_practice_area_and_status_are_shown_as_labels():
    context = build_context(
        {}, {}, {"practice_area": "real_estate", "status": "open"}, [], None, None, [], [],
        today=TODAY,
    )  # fmt: skip
    assert context["matter"]["practice_area"] == "Real estate"
    assert context["matter"]["status"] == "Open"
    assert sample_context()["matter"]["practice_area"] == "Commercial litigation"


def test_custom_party_roles_are_kept():
    context = build_context(
        {}, {}, {}, [{"name": "Acme Insurance", "role": "Insurer"}], None, None, [], [],
        today=TODAY,
    )  # fmt: skip
    assert context["parties"]["insurer"] == ["Acme Insurance"]
    out = render_template(make_docx("{{ parties.insurer|join(', ') }}"), context)
    assert body_paragraphs(out) == ["Acme Insurance"]


def test_greek_locale_dates():
    context = sample_context(locale="el")
    assert context["today"] == "28 Νοεμβρίου 2026"
    assert context["locale"] == "el"
    assert context["deadlines"][0]["due"] == "7 Δεκεμβρίου 2026"
    assert context["next_hearing"]["start"] == "14 Ιανουαρίου 2027, 09:30"
    assert context["witnesses"] == "Eleni Vlachou και Nikos Pappas"
    assert drafting.format_date(date(2027, 5, 3), "el_GR") == "3 Μαΐου 2027"
    assert drafting.format_date(date(2027, 8, 15), "el-GR") == "15 Αυγούστου 2027"
    out = render_template(make_docx("Αθήνα, {{ today }}"), context)
    assert body_paragraphs(out) == ["Αθήνα, 28 Νοεμβρίου 2026"]


def test_english_is_the_fallback_locale():
    assert sample_context(locale="en_GB")["today"] == "28 November 2026"
    assert sample_context(locale="fr")["today"] == "28 November 2026"


def test_bad_date_is_a_validation_error():
    from casedesk.core.errors import ValidationError

    with pytest.raises(ValidationError):
        sample_context(deadlines=[{"title": "x", "due": "next Tuesday"}])


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def test_empty_judge_renders_empty():
    out = render_template(make_docx("Judge: [{{ matter.judge }}]"), sample_context())
    assert body_paragraphs(out) == ["Judge: []"]


def test_values_are_escaped_and_line_breaks_kept():
    context = sample_context(
        client={"name": 'Smith & <Sons> "Ltd"\x0c\x07', "address": "Line 1\r\nLine 2"}
    )
    out = render_template(make_docx("{{ client.name }}", "{{ client.address }}"), context)
    assert body_paragraphs(out) == ['Smith & <Sons> "Ltd"', "Line 1\nLine 2"]


def test_headers_tables_and_paragraph_tags_are_rendered():
    template = make_docx(
        "{%p if matter.judge %}",
        "Judge: {{ matter.judge }}",
        "{%p endif %}",
        "End",
        header="{{ firm.name }} — {{ matter.number }}",
        table=[
            ["{%tr for d in deadlines %}", ""],
            ["{{ d.due }}", "{{ d.title }}"],
            ["{%tr endfor %}", ""],
        ],
    )
    out = render_template(template, sample_context())
    assert body_paragraphs(out) == ["End"]
    text = all_text(out)
    assert "Papadopoulos & Partners — 2026-0142" in text
    assert "7 December 2026\nFile statement of claim" in text


def test_rendering_writes_nothing_to_disk(monkeypatch, shipped):
    data = shipped["engagement_letter"].read_bytes()
    real_open = builtins.open

    def guarded_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            raise AssertionError(f"render_template opened {file!r} for writing")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    out = render_template(data, sample_context())
    assert out[:2] == b"PK"


# --------------------------------------------------------------------------------------------
# Errors and the sandbox
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ client.__class__ }}",
        "{{ client['__class__'] }}",
        "{{ client|attr('__class__') }}",
        # invisible to the static check: refused by the sandbox while rendering
        "{% set a = '_' ~ '_class__' %}{{ client|attr(a) }}",
        "{{ '{0.__class__}'.format(client) }}",
        "{{ deadlines.append(1) }}",
        "{{ 'x' * 100000000 }}",
        "{% include 'engagement_letter.docx' %}",
        "{% import '/etc/passwd' as p %}",
        "{% extends '/etc/passwd' %}",
    ],
)
def test_sandbox_violations_are_template_errors(source):
    with pytest.raises(TemplateError):
        render_template(make_docx("Hello", source), sample_context())


def test_sandbox_has_no_loader():
    env = drafting._make_env()
    assert env.loader is None
    assert env.sandboxed


def test_sandbox_error_is_refused_in_header_too():
    with pytest.raises(TemplateError, match=r"__globals__|__init__"):
        render_template(
            make_docx("Hi", header="{{ cycler.__init__.__globals__ }}"), sample_context()
        )


def test_unknown_field_is_named():
    with pytest.raises(TemplateError, match=r"unknown field 'client\.nmae'") as err:
        render_template(make_docx("Dear {{ client.nmae }},"), sample_context())
    assert "client.name" in str(err.value)  # suggestion


def test_unknown_top_level_field_is_named():
    with pytest.raises(TemplateError, match=r"unknown field 'clinet\.name'"):
        render_template(make_docx("{{ clinet.name }}"), sample_context())


def test_unknown_field_in_a_loop_is_named():
    template = make_docx("{% for d in deadlines %}{{ d.titel }}{% endfor %}")
    with pytest.raises(TemplateError, match=r"unknown field 'd\.titel'"):
        render_template(template, sample_context())


def test_unknown_field_in_an_empty_loop_is_still_reported():
    template = make_docx("{% for d in deadlines %}{{ d.titel }}{% endfor %}")
    with pytest.raises(TemplateError, match=r"'d\.titel'"):
        render_template(template, sample_context(deadlines=[]))


def test_field_missing_from_a_hand_made_context_is_named():
    with pytest.raises(TemplateError, match=r"unknown field 'client\.name'"):
        render_template(make_docx("{{ client.name }}"), {"client": {}})


@pytest.mark.parametrize(
    ("source", "snippet"),
    [
        ("{{ client.name }", "{{ client.name }"),
        ("{% if matter.judge %}Judge", "Judge"),
        ("{% for d in deadlines %}{{ d.title }}{% endif %}", "endif"),
        ("Regards, {{ attorney..name }}", "attorney..name"),
    ],
)
def test_syntax_error_names_the_offending_text(source, snippet):
    with pytest.raises(TemplateError, match="syntax error") as err:
        render_template(make_docx("Intro", source, "Outro"), sample_context())
    assert snippet in str(err.value)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"this is not a word document",
        b"%PDF-1.7\n...",
    ],
)
def test_not_a_docx(data):
    with pytest.raises(TemplateError, match=r"is not a valid Word \.docx file"):
        render_template(data, sample_context())


def test_zip_that_is_not_a_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(TemplateError, match=r"'upload\.docx' is not a valid Word \.docx file"):
        render_template(buffer.getvalue(), sample_context(), name="upload.docx")
    assert validate_template(buffer.getvalue(), name="upload.docx") == [
        "'upload.docx' is not a valid Word .docx file."
    ]


# --------------------------------------------------------------------------------------------
# Inspecting uploaded templates
# --------------------------------------------------------------------------------------------


def test_template_fields_lists_documented_names():
    template = make_docx(
        "{{ client.name|upper }} {{ matter.number }}",
        "{% for d in deadlines %}{{ d.title }} {{ d.due }}{% endfor %}",
        "{% for h in hearings[:2] %}{{ h.start }}{% endfor %}",
        "{% set x = 3 %}{{ x }} {{ range(2)|list }} {{ loop_free }}",
        header="{{ firm.name }}",
    )
    assert template_fields(template) == {
        "client.name",
        "matter.number",
        "deadlines",
        "deadlines[].title",
        "deadlines[].due",
        "hearings",
        "hearings[].start",
        "firm.name",
        "loop_free",
    }


def test_validate_template_reports_problems_without_rendering():
    template = make_docx(
        "{{ client.name }} {{ client.nmae }} {{ matter.nubmer }}",
        "{{ ''.__class__ }}",
        "{% for d in deadlines %}{{ d.due }}{% endfor %}",
    )
    problems = validate_template(template)
    assert any("'client.nmae'" in p for p in problems)
    assert any("'matter.nubmer'" in p and "matter.number" in p for p in problems)
    assert any("__class__" in p for p in problems)
    assert len(problems) == 3
    assert validate_template(make_docx("{{ client.name }}")) == []
    assert validate_template(make_docx("{{ client.name }")) != []
    assert validate_template(b"junk") == ["The template is not a valid Word .docx file."]


# --------------------------------------------------------------------------------------------
# Optional: PDF conversion with LibreOffice
# --------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_rendered_draft_converts_to_pdf(tmp_path, shipped):
    out = render_template(shipped["engagement_letter"].read_bytes(), sample_context())
    draft = tmp_path / "draft.docx"  # synthetic sample data only
    draft.write_bytes(out)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(draft),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "draft.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
