"""Build the Word templates shipped with casedesk (and FIELDS.md) with python-docx.

Run from the repository root::

    .venv/bin/python resources/templates/make_templates.py

Each template is an ordinary .docx whose merge fields use docxtpl's Jinja2 dialect (see
FIELDS.md).  Every tag is written as one run, so Word never splits it.  The script is the source
of truth: edit it and re-run it rather than editing the .docx files by hand.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent

try:
    from casedesk.core.drafting import fields_markdown
except ImportError:  # running from a checkout without an installed package
    sys.path.insert(0, str(HERE.parents[1]))
    from casedesk.core.drafting import fields_markdown

FONT = "Calibri"
NAVY = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x59, 0x59, 0x59)
FIXED_DATE = datetime(2026, 1, 1, 9, 0, 0)

Part = str | tuple[str, str]  # text, or (text, "b" / "i" / "bi")


# --------------------------------------------------------------------------------------------
# Document set-up
# --------------------------------------------------------------------------------------------


def _paragraph_style(doc: DocumentObject, name: str, *, size: float, bold: bool = False,
                     color: RGBColor | None = None, before: float = 0, after: float = 6,
                     keep_with_next: bool = False, italic: bool = False):  # fmt: skip
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    if color is not None:
        style.font.color.rgb = color
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.keep_with_next = keep_with_next
    return style


def new_document(title: str, subject: str) -> DocumentObject:
    doc = Document()

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Cm(21.0)  # A4
    section.page_height = Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = Cm(2.0)
    section.bottom_margin = Cm(2.0)
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    _paragraph_style(doc, "Letterhead Name", size=18, bold=True, color=NAVY, after=0)
    _paragraph_style(doc, "Letterhead Details", size=8.5, color=GREY, after=0)
    _paragraph_style(doc, "Running Header", size=8.5, color=GREY, after=0)
    _paragraph_style(doc, "Letter Heading", size=11, bold=True, color=NAVY, before=10,
                     after=4, keep_with_next=True)  # fmt: skip
    _paragraph_style(doc, "Subject Line", size=11, bold=True, before=6, after=10)
    _paragraph_style(doc, "Address Line", size=11, after=0)
    _paragraph_style(doc, "Document Title", size=20, bold=True, color=NAVY, after=2)
    _paragraph_style(doc, "Document Subtitle", size=12, color=GREY, after=12)
    _paragraph_style(doc, "Small Print", size=8.5, color=GREY, after=0)
    _paragraph_style(doc, "Placeholder", size=11, italic=True, color=GREY)

    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.author = "casedesk"
    props.last_modified_by = "casedesk"
    props.comments = "Template shipped with casedesk. Merge fields: see FIELDS.md."
    props.keywords = "casedesk template"
    props.category = "Template"
    props.revision = 1
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    return doc


def para(container, *parts: Part, style: str | None = None, align: str | None = None,
         after: float | None = None, before: float | None = None, keep: bool = False):  # fmt: skip
    """Add a paragraph made of runs; each merge tag stays inside one run."""
    paragraph = container.add_paragraph(style=style)
    for part in parts:
        text, fmt = (part, "") if isinstance(part, str) else part
        run = paragraph.add_run(text)
        run.bold = "b" in fmt or None
        run.italic = "i" in fmt or None
    if align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "justify":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    if before is not None:
        paragraph.paragraph_format.space_before = Pt(before)
    if keep:
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


def body(doc: DocumentObject, *parts: Part, **kwargs):
    return para(doc, *parts, align="justify", **kwargs)


def tag(container, text: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears on render."""
    para(container, text, after=0)


def letterhead(doc: DocumentObject, running: str) -> None:
    """Letterhead on the first page; a discreet running header and a footer on all pages."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True

    first = section.first_page_header
    first.paragraphs[0].text = ""
    first.paragraphs[0].style = doc.styles["Letterhead Name"]
    first.paragraphs[0].add_run("{{ firm.name }}")
    first.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    para(first, "{{ firm.address_line }}", style="Letterhead Details", align="right")
    para(
        first,
        "{% if firm.phone %}Tel. {{ firm.phone }}{% endif %}"
        "{% if firm.phone and firm.email %}  ·  {% endif %}{{ firm.email }}",
        style="Letterhead Details",
        align="right",
        after=12,
    )

    running_header = section.header
    running_header.paragraphs[0].style = doc.styles["Running Header"]
    running_header.paragraphs[0].add_run(running)
    running_header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    for footer in (section.first_page_footer, section.footer):
        footer.paragraphs[0].style = doc.styles["Small Print"]
        footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.paragraphs[0].add_run(
            "{{ firm.name }}{% if firm.address_line %}  ·  {{ firm.address_line }}{% endif %}"
        )


def client_address_block(doc: DocumentObject, *, confidential: bool = True) -> None:
    para(doc, "{{ today }}", before=6, after=12)
    if confidential:
        para(doc, ("PRIVATE AND CONFIDENTIAL", "b"), style="Address Line", after=6)
    para(doc, "{{ client.name }}", style="Address Line")
    para(doc, "{{ client.address }}", style="Address Line")
    tag(doc, "{%p if client.email %}")
    para(doc, "By e-mail: {{ client.email }}", style="Address Line")
    tag(doc, "{%p endif %}")
    para(doc, "Our reference: {{ matter.number }}", style="Small Print", before=12, after=12)


def signature(doc: DocumentObject, closing: str = "Yours sincerely,") -> None:
    para(doc, closing, before=6, after=36, keep=True)
    para(doc, ("{{ attorney.name }}", "b"), style="Address Line", keep=True)
    para(doc, "{{ firm.name }}", style="Address Line", keep=True)
    para(
        doc,
        "{{ attorney.email }}{% if attorney.email and attorney.phone %}  ·  {% endif %}"
        "{{ attorney.phone }}",
        style="Small Print",
    )


def details_table(doc: DocumentObject, rows: Sequence[tuple[str, str] | str]):
    """A two-column label/value table; a plain string row is a docxtpl {%tr … %} tag row."""
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, str):
            cells[0].text = row
            continue
        label, value = row
        cells[0].text = ""
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].text = value
    for row in table.rows:
        row.cells[0].width = Cm(5.0)
        row.cells[1].width = Cm(11.0)
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(2)
    para(doc, "", after=0)
    return table


def loop_table(doc: DocumentObject, headers: Sequence[str], loop: str, cells: Sequence[str],
               empty: str, widths: Sequence[float]):  # fmt: skip
    """A table repeating one row per item ({%tr for %}), with a row for 'none' ({%tr else %})."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(header)
        run.bold = True
        run.font.color.rgb = NAVY

    table.add_row().cells[0].text = "{%tr for " + loop + " %}"
    row = table.add_row().cells
    for cell, text in zip(row, cells, strict=True):
        cell.text = text
    table.add_row().cells[0].text = "{%tr else %}"
    none_row = table.add_row()
    merged = none_row.cells[0].merge(none_row.cells[-1])
    merged.text = ""
    merged.paragraphs[0].add_run(empty).italic = True
    table.add_row().cells[0].text = "{%tr endfor %}"

    for table_row in table.rows:
        for cell, width in zip(table_row.cells, widths, strict=False):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(2)
    para(doc, "", after=0)
    return table


# --------------------------------------------------------------------------------------------
# The templates
# --------------------------------------------------------------------------------------------


def engagement_letter() -> DocumentObject:
    doc = new_document("Engagement letter", "Terms of engagement for a new matter")
    letterhead(doc, "{{ client.name }}  ·  {{ matter.number }}  ·  {{ today }}")
    client_address_block(doc)
    para(doc, "{{ client.salutation }},")
    para(doc, "Re: Terms of engagement — {{ matter.title }}", style="Subject Line")

    body(
        doc,
        "Thank you for instructing {{ firm.name }} in connection with {{ matter.title }}. We are "
        "pleased to act for you. This letter confirms the scope of our engagement, who will be "
        "working on your matter and the terms on which we will act. Please read it carefully and "
        "keep it for future reference.",
    )

    para(doc, "1. Scope of our work", style="Letter Heading")
    body(
        doc,
        "We will advise and represent you in {{ matter.title }}"
        "{% if matter.practice_area %} ({{ matter.practice_area }}){% endif %}"
        "{% if opposing_parties %}, in which {{ opposing_parties }} "
        "{{ 'are' if parties.opposing_party|length > 1 else 'is' }} the other side{% endif %}. "
        "{% if matter.court %}The case is before the {{ matter.court }}"
        "{% if matter.case_number %} under case number {{ matter.case_number }}{% endif %}. "
        "{% endif %}"
        "Unless we agree otherwise in writing, our engagement does not extend to any appeal, to "
        "enforcement proceedings, or to advice on tax or on foreign law.",
    )

    para(doc, "2. Who will work on your matter", style="Letter Heading")
    body(
        doc,
        "{{ attorney.name }} will be the attorney responsible for your matter and will supervise "
        "all work carried out on it. "
        "{% if case_manager.name %}Day-to-day administration, including scheduling and requests "
        "for documents, will be handled by our case manager {{ case_manager.name }}"
        "{% if case_manager.email %} ({{ case_manager.email }}){% endif %}. {% endif %}"
        "Other lawyers and staff of the firm may assist where this is efficient for you.",
    )

    para(doc, "3. Fees and expenses", style="Letter Heading")
    body(
        doc,
        "Our fees will be charged as set out in the fee schedule enclosed with this letter, which "
        "forms part of these terms. In addition to our fees you will be responsible for court "
        "fees, bailiffs' and experts' fees, translation costs and other expenses we incur on your "
        "behalf; we will ask for your approval before incurring any significant expense.",
    )
    body(
        doc,
        "We will send you interim invoices, normally monthly, payable within 30 days. We may ask "
        "for a payment on account before carrying out significant work. Any estimate we give you "
        "is a guide based on the information available at the time, not a fixed price; we will "
        "tell you promptly if it is likely to be exceeded.",
    )

    para(doc, "4. Your responsibilities", style="Letter Heading")
    body(
        doc,
        "To allow us to act effectively, please give us complete and accurate instructions, tell "
        "us promptly of any change in your circumstances or contact details, keep every document "
        "that may be relevant to the matter (including e-mails and electronic files) without "
        "altering or destroying it, and answer our requests promptly, particularly where a court "
        "deadline applies.",
    )

    para(doc, "5. Confidentiality and conflicts of interest", style="Letter Heading")
    body(
        doc,
        "Everything you tell us is confidential and protected by professional secrecy, except "
        "where the law requires disclosure. We have checked our records"
        "{% if opposing_parties %} against {{ opposing_parties }}{% endif %} and have found no "
        "conflict of interest that prevents us from acting for you. Should one arise, we will tell "
        "you at once.",
    )

    para(doc, "6. Data protection", style="Letter Heading")
    body(
        doc,
        "We process your personal data to provide legal services to you and to meet our legal "
        "and regulatory obligations, in accordance with applicable data protection law. Our "
        "privacy notice, available on request, explains how we do so and what your rights are.",
    )

    para(doc, "7. Ending the engagement", style="Letter Heading")
    body(
        doc,
        "You may end our engagement at any time by writing to us. We may stop acting for you "
        "where there is good reason — for example if invoices remain unpaid or if continuing "
        "would breach our professional obligations — after giving you reasonable notice. You will "
        "remain responsible for fees and expenses incurred up to the date the engagement ends. We "
        "will keep your file for the period required by law and professional rules.",
    )

    para(doc, "8. Acceptance", style="Letter Heading")
    body(
        doc,
        "If you agree to these terms, please sign and return the enclosed copy of this letter. If "
        "you continue to instruct us, you will be taken to have accepted them. Should you have "
        "any questions about this letter, please contact {{ attorney.name }}"
        "{% if attorney.email %} at {{ attorney.email }}{% endif %}.",
    )
    body(doc, "We look forward to working with you.")
    signature(doc)
    para(doc, "Enclosure: fee schedule", style="Small Print", before=12)

    doc.add_page_break()
    para(doc, "Acceptance of terms of engagement", style="Letter Heading")
    body(
        doc,
        "I have read and understood the letter of {{ today }} from {{ firm.name }} (reference "
        "{{ matter.number }}) and agree to {{ firm.name }} acting for me in {{ matter.title }} "
        "on the terms set out in it.",
    )
    para(doc, "Signature: _________________________________", before=24)
    para(doc, "Name: {{ client.name }}")
    para(doc, "Date: _________________________________")
    return doc


def client_intake_summary() -> DocumentObject:
    doc = new_document("Client intake summary", "Internal summary of a new client and matter")
    section = doc.sections[0]
    section.header.paragraphs[0].style = doc.styles["Running Header"]
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    section.header.paragraphs[0].add_run(
        "{{ firm.name }}  ·  Internal — privileged and confidential"
    )
    section.footer.paragraphs[0].style = doc.styles["Small Print"]
    section.footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    section.footer.paragraphs[0].add_run("Client intake summary  ·  {{ matter.number }}")

    para(doc, "Client Intake Summary", style="Document Title")
    para(doc, "{{ matter.number }} — {{ matter.title }}", style="Document Subtitle")
    para(
        doc,
        "Prepared on {{ today }}"
        "{% if case_manager.name %} by {{ case_manager.name }}{% endif %}"
        "{% if attorney.name %}; responsible attorney {{ attorney.name }}{% endif %}.",
        style="Small Print",
        after=12,
    )

    para(doc, "Client", style="Letter Heading")
    details_table(
        doc,
        [
            ("Name", "{{ client.name }}"),
            ("Address", "{{ client.address }}"),
            ("E-mail", "{{ client.email }}"),
            ("Telephone", "{{ client.phone }}"),
            ("Salutation in letters", "{{ client.salutation }}"),
        ],
    )

    para(doc, "Matter", style="Letter Heading")
    details_table(
        doc,
        [
            ("Matter number", "{{ matter.number }}"),
            ("Title", "{{ matter.title }}"),
            ("Practice area", "{{ matter.practice_area }}"),
            ("Status", "{{ matter.status }}"),
            ("Court", "{{ matter.court }}"),
            ("Case number", "{{ matter.case_number }}"),
            ("Judge", "{{ matter.judge }}"),
        ],
    )

    para(doc, "Parties and team", style="Letter Heading")
    details_table(
        doc,
        [
            ("Opposing parties", "{{ opposing_parties }}"),
            ("Opposing counsel", "{{ opposing_counsel }}"),
            ("Witnesses", "{{ witnesses }}"),
            ("Experts", "{{ parties.expert|join(', ') }}"),
            (
                "Responsible attorney",
                "{{ attorney.name }}{% if attorney.email %} ({{ attorney.email }}){% endif %}",
            ),
            (
                "Case manager",
                "{{ case_manager.name }}"
                "{% if case_manager.email %} ({{ case_manager.email }}){% endif %}",
            ),
        ],
    )

    para(doc, "Upcoming deadlines", style="Letter Heading")
    loop_table(
        doc,
        ["Due", "Deadline", "Rule"],
        "d in deadlines",
        ["{{ d.due }}", "{{ d.title }}", "{{ d.rule }}"],
        "No upcoming deadlines are recorded.",
        [3.5, 7.0, 5.5],
    )

    para(doc, "Upcoming hearings", style="Letter Heading")
    loop_table(
        doc,
        ["Date and time", "Hearing", "Location"],
        "h in hearings",
        ["{{ h.start }}", "{{ h.title }}", "{{ h.location }}"],
        "No hearings are scheduled.",
        [4.5, 6.0, 5.5],
    )

    para(doc, "Intake checklist", style="Letter Heading")
    for item in (
        "Conflict check completed and recorded",
        "Client identity verified (ID document copied)",
        "Engagement letter sent and signed copy received",
        "Fee arrangement and payment on account agreed",
        "Limitation periods and first deadlines diarised",
        "Client documents received and logged",
    ):
        para(doc, f"☐  {item}", after=2)

    para(doc, "Notes", style="Letter Heading")
    para(
        doc,
        "[Client's objectives, key facts, urgency, documents received and next steps.]",
        style="Placeholder",
    )
    return doc


def hearing_notice_to_client() -> DocumentObject:
    doc = new_document("Notice of hearing", "Letter informing the client of an upcoming hearing")
    letterhead(doc, "{{ client.name }}  ·  {{ matter.number }}  ·  {{ today }}")
    client_address_block(doc)
    para(doc, "{{ client.salutation }},")
    para(
        doc,
        "Re: {{ matter.title }} — {{ next_hearing.title or 'hearing' }} on {{ next_hearing.date }}",
        style="Subject Line",
    )
    body(
        doc,
        "We are writing to let you know that a hearing in your matter has been scheduled. The "
        "details are as follows:",
    )
    details_table(
        doc,
        [
            ("Hearing", "{{ next_hearing.title }}"),
            ("Date and time", "{{ next_hearing.start }}"),
            ("Court", "{{ matter.court }}"),
            ("Location", "{{ next_hearing.location }}"),
            ("Case number", "{{ matter.case_number }}"),
            "{%tr if matter.judge %}",
            ("Judge", "{{ matter.judge }}"),
            "{%tr endif %}",
        ],
    )
    body(
        doc,
        "{{ attorney.name }} will represent you at the hearing. Please plan to arrive at least "
        "30 minutes before the start time so that we can meet beforehand and go through what to "
        "expect. Bring photo identification (identity card or passport) and any documents about "
        "the matter that you have not yet given us.",
    )
    body(
        doc,
        "Hearings sometimes start late or run longer than planned, so please keep the rest of "
        "the day free if you can. Mobile phones must be switched off in the courtroom.",
    )
    body(
        doc,
        "If you cannot attend, or if anything has changed that may affect your case, please tell "
        "us immediately and in any event no later than three working days before the hearing, so "
        "that we can inform the court if necessary.",
    )
    tag(doc, "{%p if hearings|length > 1 %}")
    body(doc, "Please also note the following later hearings in your matter:", keep=True)
    tag(doc, "{%p for h in hearings[1:] %}")
    para(
        doc,
        ("{{ h.start }}", "b"),
        " — {{ h.title }}{% if h.location %}, {{ h.location }}{% endif %}",
        style="List Bullet",
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    body(
        doc,
        "If you have any questions, please do not hesitate to contact {{ attorney.name }}"
        "{% if attorney.phone %} on {{ attorney.phone }}{% endif %}"
        "{% if attorney.email %} or at {{ attorney.email }}{% endif %}.",
    )
    signature(doc)
    return doc


def court_filing_cover_letter() -> DocumentObject:
    doc = new_document("Court filing cover letter", "Cover letter for documents filed with a court")
    letterhead(doc, "{{ matter.court }}  ·  {{ matter.case_number }}  ·  {{ today }}")
    para(doc, "{{ today }}", before=6, after=12)
    para(doc, ("BY HAND / BY ELECTRONIC FILING", "b"), style="Address Line", after=6)
    para(doc, "The Registrar", style="Address Line")
    para(doc, "{{ matter.court }}", style="Address Line")
    para(doc, "[Court address]", style="Placeholder", after=0)
    para(doc, "Our reference: {{ matter.number }}", style="Small Print", before=12, after=12)
    para(doc, "Dear Sir or Madam,")
    para(
        doc,
        "Re: {{ matter.title }}"
        "{% if matter.case_number %} — Case No. {{ matter.case_number }}{% endif %}",
        style="Subject Line",
    )
    body(
        doc,
        "We act for {{ client.name }} in the above proceedings"
        "{% if matter.judge %} (assigned to {{ matter.judge }}){% endif %}. "
        "Please find enclosed for filing on behalf of our client:",
        keep=True,
    )
    para(doc, "[Title of the document], with [number] copies;", style="List Number")
    para(doc, "[Title of the document], with [number] copies;", style="List Number")
    para(doc, "[Exhibits / supporting documents, numbered as in the index].", style="List Number")
    body(
        doc,
        "The court fee of [amount] [is enclosed / has been paid, receipt no. [number]]. We should "
        "be grateful if you would file the enclosed documents, stamp the enclosed copy as filed "
        "and return it to us, or let us have the filing details by e-mail to "
        "{{ attorney.email or firm.email }}.",
        before=6,
    )
    tag(doc, "{%p if opposing_counsel %}")
    body(
        doc,
        "A copy of this letter and its enclosures is being served today on "
        "{{ opposing_counsel }} (counsel for {{ opposing_parties or 'the opposing party' }}).",
    )
    tag(doc, "{%p endif %}")
    body(
        doc,
        "Should you require anything further, please contact {{ attorney.name }}"
        "{% if attorney.phone %} on {{ attorney.phone }}{% endif %}.",
    )
    signature(doc, "Yours faithfully,")
    para(doc, "Enclosures: as listed above", style="Small Print", before=12)
    para(
        doc,
        "cc: {{ client.name }} (client)"
        "{% if opposing_counsel %}; {{ opposing_counsel }} (opposing counsel){% endif %}",
        style="Small Print",
    )
    return doc


def discovery_request_cover_letter() -> DocumentObject:
    doc = new_document(
        "Discovery request cover letter", "Cover letter serving discovery requests on counsel"
    )
    letterhead(doc, "{{ matter.title }}  ·  {{ matter.number }}  ·  {{ today }}")
    para(doc, "{{ today }}", before=6, after=12)
    para(doc, ("BY E-MAIL AND POST", "b"), style="Address Line", after=6)
    para(doc, "{{ opposing_counsel or 'Counsel for the opposing party' }}", style="Address Line")
    para(doc, "[Law firm and address]", style="Placeholder", after=0)
    para(doc, "Our reference: {{ matter.number }}", style="Small Print", before=12, after=12)
    para(doc, "Dear Colleague,")
    para(
        doc,
        "Re: {{ matter.title }}"
        "{% if matter.case_number %} — {{ matter.court }}, Case No. {{ matter.case_number }}"
        "{% endif %} — Requests for discovery",
        style="Subject Line",
    )
    body(
        doc,
        "As you know, we act for {{ client.name }} in the above proceedings. We write on our "
        "client's behalf concerning the disclosure of documents and information by your client"
        "{% if opposing_parties %} ({{ opposing_parties }}){% endif %}. Please find enclosed:",
        keep=True,
    )
    para(doc, "[Our client's first set of interrogatories];", style="List Number")
    para(doc, "[Our client's first request for the production of documents];", style="List Number")
    para(doc, "[Our client's first requests for admission].", style="List Number")
    body(
        doc,
        "Please let us have your client's written responses, together with copies of the "
        "documents requested, within the time allowed by the applicable rules of procedure.",
        before=6,
    )
    body(
        doc,
        "Documents should be produced in their native electronic format where available, with "
        "their metadata intact, or otherwise as legible, text-searchable PDF files, identified "
        "by reference to the request to which they respond. If any document is withheld on the "
        "ground of privilege, please list it in a privilege log stating its date, author, "
        "recipients, general subject matter and the privilege claimed.",
    )
    body(
        doc,
        "We remind you of your client's obligation to preserve all documents and electronically "
        "stored information relevant to the issues in these proceedings, including e-mails, "
        "messages and data held on personal devices, and to suspend any routine deletion.",
    )
    body(
        doc,
        "We are willing to discuss the scope or timing of these requests with you in order to "
        "avoid unnecessary applications to the court. Please contact {{ attorney.name }}"
        "{% if attorney.phone %} on {{ attorney.phone }}{% endif %}"
        "{% if attorney.email %} or at {{ attorney.email }}{% endif %} to arrange this.",
    )
    body(
        doc,
        "All of our client's rights are reserved, including the right to apply to the court "
        "should the requested disclosure not be provided in full and in time.",
    )
    signature(doc)
    para(doc, "Enclosures: as listed above", style="Small Print", before=12)
    para(doc, "cc: {{ client.name }} (client)", style="Small Print")
    return doc


TEMPLATES: dict[str, Callable[[], DocumentObject]] = {
    "engagement_letter": engagement_letter,
    "client_intake_summary": client_intake_summary,
    "hearing_notice_to_client": hearing_notice_to_client,
    "court_filing_cover_letter": court_filing_cover_letter,
    "discovery_request_cover_letter": discovery_request_cover_letter,
}


def main(out_dir: Path = HERE) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, build in TEMPLATES.items():
        path = out_dir / f"{name}.docx"
        build().save(str(path))
        print(f"wrote {path}")
    fields_md = out_dir / "FIELDS.md"
    fields_md.write_text(fields_markdown(), encoding="utf-8")
    print(f"wrote {fields_md}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
