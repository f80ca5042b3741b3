"""The self-assessment report as a file for the agency: PDF, or XLSX to edit.

Seed 004 §6: the QA office prepares the self-assessment report and sends it to the agency by
the set deadline; seed 003 §3.4 step 2 (¶98): the report comes with its supporting
documentation. The PDF has a cover, the contents, a section per criterion (narrative, SWOT)
and the list of evidence, on A4 with "page N of M" like every PDF of the portal
(``governance.minutes``). Agencies that want an editable file get an XLSX workbook (python-docx
is not among the project's libraries): one row per criterion, and a sheet of evidence.
"""

import io
from collections import defaultdict

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment

from governance.minutes import css_string, html_to_pdf, page_counter_css
from governance.models import Institution
from governance.spreadsheets import append_row

from . import evidence as rules
from .cycles import member_list, sections_with_counts
from .models.sar import Evidence
from .readiness import readiness

PDF_TEMPLATE = "accreditation/cycles/sar_pdf.html"


def report_context(cycle):
    """The report in the active language: sections in the framework's order, each with its
    evidence (as words), the readiness and the working group."""
    sections = list(sections_with_counts(cycle.sections.all()))
    links = defaultdict(list)
    for item in (
        Evidence.objects.filter(section__cycle=cycle)
        .select_related(*rules.related_fields())
        .order_by("section", "added_at", "pk")
    ):
        item.label = rules.label(item)
        links[item.section_id].append(item)
    for section in sections:
        section.links = links[section.pk]
    return {
        "cycle": cycle,
        "institution": Institution.current(),
        "sections": sections,
        "readiness": readiness(sections),
        "members": member_list(cycle),
        "programmes": list(cycle.programmes.order_by("code")),
        "today": timezone.localdate(),
        "language": translation.get_language(),
    }


def sar_pdf(cycle):
    """The report of ``cycle`` as PDF bytes."""
    context = report_context(cycle)
    context["header_css"] = css_string(cycle.title)
    context["page_css"] = page_counter_css()
    return html_to_pdf(render_to_string(PDF_TEMPLATE, context))


def sar_xlsx(cycle):
    """The report of ``cycle`` as XLSX bytes: a sheet of sections, a sheet of evidence."""
    context = report_context(cycle)
    workbook = Workbook()
    table = workbook.active
    table.title = _("Self-assessment")
    append_row(table, [cycle.title], bold=True)
    append_row(table, [_("Agency"), str(cycle.agency)])
    append_row(table, [_("Standards framework"), str(cycle.framework)])
    append_row(table, [])
    append_row(
        table,
        [
            _("Criterion"),
            _("Title"),
            _("Status"),
            _("Owner"),
            _("Narrative"),
            _("Strengths"),
            _("Weaknesses"),
            _("Opportunities"),
            _("Threats"),
        ],
        bold=True,
    )
    for section in context["sections"]:
        append_row(
            table,
            [
                section.clause.code,
                section.clause.title,
                section.get_status_display(),
                str(section.owner or ""),
                section.narrative,
                section.strengths,
                section.weaknesses,
                section.opportunities,
                section.threats,
            ],
        )
        for cell in table[table.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDEFGHI", (10, 40, 14, 24, 80, 30, 30, 30, 30), strict=True):
        table.column_dimensions[column].width = width
    links = workbook.create_sheet(_("Evidence"))
    append_row(
        links, [_("Criterion"), _("Kind of evidence"), _("Evidence"), _("What it shows")], bold=True
    )
    for section in context["sections"]:
        for item in section.links:
            append_row(links, [section.clause.code, item.get_kind_display(), item.label, item.note])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filename(cycle, extension):
    return f"self-assessment-{cycle.pk}-{timezone.localdate():%Y-%m-%d}.{extension}"
