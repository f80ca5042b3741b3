"""The post-accreditation monitoring report: the execution of the action plan, as a page and
as a PDF for the agency.

Seed 002 S10.Req8 and S10.St6: post-accreditation monitoring every year, with summary reports
on the implementation of the experts' recommendations and the yearly report to the agency;
seed 004 §6: reports on the execution of the action plan. The PDF uses the portal's A4 layout
with "page N of M" (``governance.minutes``), like the self-assessment report.
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from governance.minutes import css_string, html_to_pdf, page_counter_css
from governance.models import Institution

from . import action_plan, agency_decision

PDF_TEMPLATE = "accreditation/cycles/follow_up_pdf.html"


def report_context(cycle, today=None):
    """The report in the active language: the decision, each recommendation with its action
    and the summary of done, in progress and overdue actions."""
    today = today or timezone.localdate()
    rows = action_plan.plan(cycle, today)
    return {
        "cycle": cycle,
        "institution": Institution.current(),
        "decisions": agency_decision.records(cycle),
        "rows": rows,
        "summary": action_plan.summarise(rows),
        "programmes": list(cycle.programmes.order_by("code")),
        "today": today,
        "language": translation.get_language(),
    }


def follow_up_pdf(cycle):
    """The report of ``cycle`` as PDF bytes."""
    context = report_context(cycle)
    context["header_css"] = css_string(cycle.title)
    context["page_css"] = page_counter_css()
    return html_to_pdf(render_to_string(PDF_TEMPLATE, context))


def filename(cycle):
    return f"follow-up-{cycle.pk}-{timezone.localdate():%Y-%m-%d}.pdf"
