"""A report of survey results as a spreadsheet (XLSX) and as a PDF (A4, WeasyPrint).

Issue 4: "Export to XLSX and PDF (WeasyPrint); the export respects the minimums." Both are
made from the same ``surveys.results.Report`` as the page, so they hold exactly what the
reader may see there: nothing of a report or a breakdown cell below the minimum — a hidden
cell keeps only its name and the reason — and only the free text the reader may read.
The PDF is set in Noto Sans, which has every letter of the Kazakh alphabet, with page numbers
("page N of M") in the reader's language.
"""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment

from governance.minutes import css_string, html_to_pdf, page_counter_css
from governance.spreadsheets import append_row

PDF_TEMPLATE = "surveys/results/report_pdf.html"
SHEET_NAME_LENGTH = 31
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def filename(report, extension):
    """survey-results-<campaign>-<scope>-<closing day>.<extension>"""
    day = timezone.localdate(report.campaign.closes_at)
    scope = slugify(report.scope.slug)
    return f"survey-results-{report.campaign.pk}-{scope}-{day:%Y-%m-%d}.{extension}"


# --- XLSX ----------------------------------------------------------------------------------


def _sheet_name(title, used):
    """A sheet name Excel accepts (31 characters, no []:*?/\\), not yet used."""
    name = str(title).translate(SHEET_NAME_FORBIDDEN)[:SHEET_NAME_LENGTH].strip()
    base, number = name, 2
    while name in used:
        suffix = f" {number}"
        name = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix
        number += 1
    used.add(name)
    return name


def _sheet(workbook, title, used):
    return workbook.create_sheet(_sheet_name(title, used))


def _formats(sheet, percent_columns=(), decimal_columns=()):
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.column in percent_columns and isinstance(cell.value, float):
                cell.number_format = "0.0%"
            elif cell.column in decimal_columns and isinstance(cell.value, float):
                cell.number_format = "0.00"
    sheet.column_dimensions["B"].width = 60


def _summary(sheet, report):
    campaign, cell = report.campaign, report.cell
    append_row(sheet, [_("Survey results")], bold=True)
    append_row(sheet, [_("Campaign"), campaign.title])
    append_row(sheet, [_("Questionnaire"), str(campaign.version.questionnaire)])
    append_row(sheet, [_("Results for"), str(report.scope.label)])
    append_row(sheet, [_("Minimum respondents for results"), report.minimum])
    if cell is not None:
        append_row(sheet, [_("Invited"), cell.invited])
    if not report.shown:
        append_row(sheet, [_("Results"), report.hidden_reason])
        return
    append_row(sheet, [_("Respondents"), cell.respondents])
    append_row(sheet, [_("Response rate"), cell.rate])
    sheet.cell(row=sheet.max_row, column=2).number_format = "0.0%"
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 60


def _questions(sheet, report):
    append_row(
        sheet,
        [
            _("No."),
            _("Question"),
            _("Line"),
            _("Answered"),
            _("Respondents"),
            _("Response rate"),
            _("Mean"),
            _("Standard deviation"),
        ],
        bold=True,
    )
    for result in report.questions:
        question = result.question
        base = [result.number, question.text]
        figures = [result.answered, result.respondents, result.rate]
        if result.lines:
            for item, line in result.lines:
                append_row(
                    sheet,
                    [
                        *base,
                        item.text,
                        line.count,
                        result.respondents,
                        result.rate,
                        line.mean,
                        line.deviation,
                    ],
                )
        elif result.distribution is not None:
            line = result.distribution
            append_row(sheet, [*base, "", *figures, line.mean, line.deviation])
        else:
            append_row(sheet, [*base, "", *figures, None, None])
    _formats(sheet, percent_columns=(6,), decimal_columns=(7, 8))


def _distribution(sheet, report):
    append_row(
        sheet, [_("No."), _("Question"), _("Line"), _("Option"), _("Count"), _("Share")], bold=True
    )
    for result in report.questions:
        question = result.question
        lines = result.lines or ([(None, result.distribution)] if result.distribution else [])
        for item, line in lines:
            for bar in line.bars:
                append_row(
                    sheet,
                    [
                        result.number,
                        question.text,
                        item.text if item else "",
                        bar.label,
                        bar.count,
                        bar.share,
                    ],
                )
    _formats(sheet, percent_columns=(6,))


def _breakdown(sheet, breakdown):
    append_row(
        sheet,
        [_("Group"), _("Respondents"), _("Invited"), _("Response rate")]
        + [column.code for column in breakdown.columns],
        bold=True,
    )
    for cell, means in breakdown.rows:
        if cell.shown:
            append_row(sheet, [cell.label, cell.respondents, cell.invited, cell.rate, *means])
        else:
            append_row(sheet, [cell.label, cell.hidden_reason])
    _formats(
        sheet,
        percent_columns=(4,),
        decimal_columns=range(5, 5 + len(breakdown.columns)),
    )
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 14
    append_row(sheet, [])
    for column in breakdown.columns:
        append_row(sheet, [column.code, column.text])


def _texts(sheet, report):
    append_row(sheet, [_("No."), _("Question"), _("Answer")], bold=True)
    for result in report.questions:
        for text in result.texts:
            append_row(sheet, [result.number, result.question.text, text])
    sheet.column_dimensions["C"].width = 80
    for row in sheet.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")


def _actions(sheet, report):
    append_row(sheet, [_("Improvement action"), _("Status"), _("Due date"), _("School")], bold=True)
    for action in report.actions:
        append_row(
            sheet,
            [action.title, action.get_status_display(), action.due_date, str(action.school or "")],
        )
    sheet.column_dimensions["A"].width = 60


def results_workbook(report):
    """The report as XLSX bytes: summary, questions, distributions, breakdowns, free text and
    improvement actions — below the minimum, only the reason."""
    workbook = Workbook()
    summary = workbook.active
    used = set()
    summary.title = _sheet_name(_("Summary"), used)
    _summary(summary, report)
    if report.shown:
        _questions(_sheet(workbook, _("Questions"), used), report)
        _distribution(_sheet(workbook, _("Distribution"), used), report)
        for breakdown in report.breakdowns:
            _breakdown(_sheet(workbook, breakdown.title, used), breakdown)
        if any(result.texts for result in report.questions):
            _texts(_sheet(workbook, _("Comments"), used), report)
    if report.actions:
        _actions(_sheet(workbook, _("What we changed"), used), report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF -----------------------------------------------------------------------------------


def results_pdf(report, institution=None):
    """The report as A4 PDF bytes, charts included, in the reader's language."""
    context = {
        "report": report,
        "institution": institution,
        "language": get_language(),
        "header_css": css_string(report.campaign.title),
        "page_css": page_counter_css(),
        "today": timezone.localdate(),
    }
    return html_to_pdf(render_to_string(PDF_TEMPLATE, context))
