"""The acknowledgement sheet of a campaign (seed 002 §3.3): who was asked to read the edition
and when each confirmed it, as a page, a PDF (WeasyPrint, the minutes' styling) and an XLSX."""

import io

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from governance.minutes import css_string, html_to_pdf, page_counter_css
from governance.models import Institution
from governance.spreadsheets import append_row

from .acknowledgements import is_overdue, percentage

PDF_TEMPLATE = "documents/ack_sheet_pdf.html"


class Sheet:
    """The campaign, its rows (acknowledgements with ``overdue`` set) and its progress."""

    def __init__(self, campaign, today=None):
        today = today or timezone.localdate()
        self.campaign = campaign
        self.rows = list(
            campaign.acknowledgements.select_related("person").order_by(
                "person__full_name_kk", "person__pk"
            )
        )
        for row in self.rows:
            row.campaign = campaign
            row.overdue = is_overdue(row, today)
            row.status = status(row)
        self.total = len(self.rows)
        self.done = sum(1 for row in self.rows if row.acknowledged_at)
        self.percent = percentage(self.done, self.total)


def status(row):
    if row.acknowledged_at:
        return _("Acknowledged")
    return _("Overdue") if row.overdue else _("Pending")


def filename(campaign, extension):
    code = "".join(char if char.isalnum() else "-" for char in campaign.edition.document.code)
    return f"acknowledgements-{code}-{campaign.pk}.{extension}"


def sheet_pdf(sheet):
    """The sheet as A4 PDF bytes, in the active language."""
    edition = sheet.campaign.edition
    context = {
        "sheet": sheet,
        "campaign": sheet.campaign,
        "edition": edition,
        "document": edition.document,
        "institution": Institution.current(),
        "language": translation.get_language(),
        "header_css": css_string(str(edition)),
        "page_css": page_counter_css(),
    }
    return html_to_pdf(render_to_string(PDF_TEMPLATE, context))


def sheet_xlsx(sheet):
    """The sheet as XLSX bytes: the campaign, then one row per person with the date."""
    campaign = sheet.campaign
    workbook = Workbook()
    table = workbook.active
    table.title = _("Acknowledgements")
    append_row(table, [str(campaign.edition.document)], bold=True)
    append_row(table, [_("Edition"), campaign.edition.number])
    append_row(table, [_("Addressed to"), campaign.target_label])
    append_row(table, [_("Deadline"), campaign.deadline])
    append_row(table, [_("Acknowledged"), f"{sheet.done} / {sheet.total} ({sheet.percent}%)"])
    append_row(table, [])
    append_row(table, [_("No."), _("Name"), _("Acknowledged on"), _("Status")], bold=True)
    for number, row in enumerate(sheet.rows, 1):
        when = (
            timezone.localtime(row.acknowledged_at).replace(tzinfo=None)
            if row.acknowledged_at
            else None
        )
        append_row(table, [number, str(row.person), when, row.status])
        if when:
            table.cell(row=table.max_row, column=3).number_format = "yyyy-mm-dd hh:mm"
    table.column_dimensions["A"].width = 16
    table.column_dimensions["B"].width = 40
    table.column_dimensions["C"].width = 20
    table.column_dimensions["D"].width = 16
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
