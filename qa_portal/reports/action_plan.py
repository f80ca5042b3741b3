"""The action plan report (issue 7): the improvement actions of the university or of one
school, as a PDF grouped by status, the overdue ones first.

Seed 000 §4 and §2.3: an improvement action is the Act of Plan–Do–Check–Act, and the QA
manager monitors that the mechanisms' actions are carried out; seed 004 §5–6: the QA office
writes an action plan on the external experts' recommendations and reports on its
execution; seed 002 §1 ‹Mission link›, S9.Resp and S10.Resp: CAPA plans, whose execution the
Academic Council and the Board control ("% of recommendations/CAPA closed on time").

Who may ask, and on which scope, is the annual report's rule (``annual.can_request``): the
QA manager, the rector and the vice-rectors for any scope, a dean for their own school. The
plan may be narrowed to one academic year (actions due or raised in it) and to the actions
still open.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.actions import OPEN_STATUSES, is_overdue
from governance.minutes import css_string, html_to_pdf, page_counter_css
from governance.models import AcademicYear, ImprovementAction, Institution
from governance.models.decisions import ActionStatus

from .annual import AnnualReportForm, can_request, logo_markup, school_of
from .registry import ReportError

__all__ = ["ActionPlanForm", "build", "can_request", "plan", "school_of", "title"]

PDF_TEMPLATE = "reports/action_plan_pdf.html"
# The order of the groups: what is late first, then the life of an action.
GROUPS = (
    ActionStatus.OVERDUE,
    ActionStatus.PLANNED,
    ActionStatus.IN_PROGRESS,
    ActionStatus.DONE,
    ActionStatus.VERIFIED,
)


class ActionPlanForm(AnnualReportForm):
    """The annual report's scope (a dean: their own school) and language; the academic year
    is optional, and the plan may hold only the actions still open."""

    academic_year = forms.ModelChoiceField(
        AcademicYear.objects.order_by("-start_date"),
        required=False,
        label=gettext_lazy("Academic year"),
        empty_label=gettext_lazy("All years"),
    )
    open_only = forms.BooleanField(required=False, label=gettext_lazy("Open actions only"))
    field_order = ["school", "academic_year", "open_only", "language"]

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["academic_year"].initial = None

    def parameters(self):
        year, school = self.cleaned_data.get("academic_year"), self.cleaned_data.get("school")
        return {
            "school": school.pk if school is not None else None,
            "academic_year": year.pk if year is not None else None,
            "open_only": self.cleaned_data["open_only"],
            "language": self.cleaned_data["language"],
        }


def _year(params):
    year = params.get("academic_year")
    return AcademicYear.objects.filter(pk=year).first() if year else None


def title(params):
    """E.g. "Action plan report 2025-2026 — School of Law", in the report's language."""
    with translation.override(params.get("language") or settings.LANGUAGE_CODE):
        year, school = _year(params), school_of(params)
        names = {"scope": str(school) if school is not None else _("Whole university")}
        if year is None:
            return _("Action plan report — %(scope)s") % names
        return _("Action plan report %(year)s — %(scope)s") % {**names, "year": year.name}


@dataclass
class Group:
    status: ActionStatus
    actions: list

    @property
    def label(self):
        return self.status.label


@dataclass
class Plan:
    groups: list  # Group, in the order of GROUPS, empty ones included

    @property
    def total(self):
        return sum(len(group.actions) for group in self.groups)


def plan(school=None, year=None, open_only=False, today=None):
    """The actions of ``school`` (None: every action of the university and its schools),
    due or raised in ``year`` if given, grouped by status; an action past its due date and
    not done counts as overdue whether or not the nightly task has marked it. One query."""
    today = today or timezone.localdate()
    found = ImprovementAction.objects.select_related("owner", "school")
    if school is not None:
        found = found.filter(school=school)
    if year is not None:
        span = (year.start_date, year.end_date)
        found = found.filter(Q(due_date__range=span) | Q(created_at__date__range=span))
    if open_only:
        found = found.filter(status__in=OPEN_STATUSES)
    groups = {status: Group(status, []) for status in GROUPS}
    for action in found.order_by("due_date", "pk"):
        late = is_overdue(action, today)
        groups[ActionStatus.OVERDUE if late else ActionStatus(action.status)].actions.append(action)
    return Plan(list(groups.values()))


def build(params, progress):
    """The plan as PDF bytes, in ``params["language"]``."""
    with translation.override(params["language"]):
        year, school = _year(params), school_of(params)
        if (params.get("academic_year") and year is None) or (params.get("school") and not school):
            raise ReportError(_("The academic year or the school of this report no longer exists."))
        progress(10, _("Improvement actions"))
        found = plan(school, year, params.get("open_only", False))
        progress(50, _("Typesetting the PDF"))
        report_title = title(params)
        institution = Institution.current()
        html = render_to_string(
            PDF_TEMPLATE,
            {
                "plan": found,
                "open_only": params.get("open_only", False),
                "year": year,
                "school": school,
                "title": report_title,
                "header_css": css_string(report_title),
                "page_css": page_counter_css(),
                "institution": institution,
                "logo": logo_markup(institution),
                "language": params["language"],
                "today": timezone.localdate(),
            },
        )
        pdf = html_to_pdf(html)
        progress(100, _("Done"))
        return pdf
