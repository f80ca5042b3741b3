"""The annual QA report of the university or of one school (issue 7), as a PDF.

Seed 000 §2.3: the QA manager analyses the mechanisms and the surveys and reports to the
council, the School Committees and the units; seed 004: the QA office reports to the rector.
Issue 7: the report covers survey results with trends (respecting the anonymity minimums),
governance decisions, documents approved, mechanism cycles and their Check findings,
accreditation status, indicators against targets and improvement actions with their status;
A4 with "page N of M", the institution's header and logo, in Kazakh, Russian or English.

The registry (``qa_portal.reports.registry``) builds it in the background: ``build`` reports
its progress between the sections. Who may ask: the QA manager, the rector and the
vice-rectors for any scope; a dean for their own school only.
"""

import base64
from pathlib import Path

from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.minutes import css_string, html_to_pdf, page_counter_css
from governance.models import AcademicYear, Institution, School
from governance.roles import Role
from governance.uploads import sniff

from . import annual_sections as sections
from .access import led_school_ids
from .registry import ReportError

PDF_TEMPLATE = "reports/annual_pdf.html"
# Seed 000 §2.3 and seed 004: the QA office and the university's leadership read every scope.
ANY_SCOPE_ROLES = (Role.QA_MANAGER, Role.RECTOR, Role.VICE_RECTOR)
DEFAULT_LOGO = Path(settings.BASE_DIR) / "static" / "img" / "logo.svg"

# (key in the context, stage shown on the progress bar, function of (year, school)).
SECTIONS = (
    ("surveys", gettext_lazy("Survey results"), sections.surveys),
    ("decisions", gettext_lazy("Governance decisions"), sections.decisions),
    ("documents", gettext_lazy("Documents approved"), sections.documents),
    ("cycles", gettext_lazy("QA mechanism cycles"), sections.pdca_cycles),
    ("accreditation", gettext_lazy("Accreditation"), sections.accreditation),
    ("indicators", gettext_lazy("Indicators against targets"), sections.indicators),
    ("actions", gettext_lazy("Improvement actions"), sections.actions),
)


def reads_any_scope(user):
    return user.is_authenticated and user.has_role(*ANY_SCOPE_ROLES)


def current_year(today=None):
    """The academic year that includes today, else the latest one that started."""
    today = today or timezone.localdate()
    years = AcademicYear.objects.filter(start_date__lte=today).order_by("-start_date")
    return years.filter(end_date__gte=today).first() or years.first()


class AnnualReportForm(forms.Form):
    academic_year = forms.ModelChoiceField(
        AcademicYear.objects.order_by("-start_date"), label=gettext_lazy("Academic year")
    )
    school = forms.ModelChoiceField(
        School.objects.order_by("code"),
        required=False,
        label=gettext_lazy("School"),
        empty_label=gettext_lazy("Whole university"),
    )
    language = forms.ChoiceField(choices=settings.LANGUAGES, label=gettext_lazy("Language"))

    def __init__(self, user, *args, **kwargs):
        """A dean picks one of their own schools (required); the QA office and the rector's
        office any school or none (the whole university)."""
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["language"].initial = translation.get_language()
        self.fields["academic_year"].initial = current_year()
        if not reads_any_scope(user):
            school = self.fields["school"]
            school.queryset = School.objects.filter(pk__in=led_school_ids(user)).order_by("code")
            school.required = True
            school.empty_label = None

    def parameters(self):
        school = self.cleaned_data.get("school")
        return {
            "academic_year": self.cleaned_data["academic_year"].pk,
            "school": school.pk if school is not None else None,
            "language": self.cleaned_data["language"],
        }


def can_request(user, params):
    """The QA manager, the rector and the vice-rectors: any scope; a dean: their own school
    (seed 000 §2.3, seed 004)."""
    if reads_any_scope(user):
        return True
    school = params.get("school")
    return user.is_authenticated and school is not None and school in led_school_ids(user)


def school_of(params):
    school = params.get("school")
    return School.objects.filter(pk=school).first() if school else None


def _year(params):
    return AcademicYear.objects.filter(pk=params.get("academic_year")).first()


def title(params):
    """E.g. "Annual QA report 2025-2026 — School of Law", in the report's language."""
    with translation.override(params.get("language") or settings.LANGUAGE_CODE):
        year, school = _year(params), school_of(params)
        return _("Annual QA report %(year)s — %(scope)s") % {
            "year": year.name if year is not None else "—",
            "scope": str(school) if school is not None else _("Whole university"),
        }


def logo_markup(institution):
    """The logo for a PDF's cover: the uploaded PNG or JPEG embedded as a ``data:`` URL (the
    PDFs load nothing else, ``governance.minutes.html_to_pdf``), the portal's own SVG logo
    when none was uploaded."""
    logo = institution.logo if institution is not None else None
    if logo:
        with logo.open("rb") as handle:
            kind = sniff(handle)
            content = handle.read()
        if kind in ("png", "jpeg"):
            data = base64.b64encode(content).decode("ascii")
            return format_html('<img src="data:image/{};base64,{}" alt="">', kind, data)
    markup = DEFAULT_LOGO.read_text(encoding="utf-8")
    return mark_safe(markup[markup.find("<svg") :])


def build(params, progress):
    """The report as PDF bytes, in ``params["language"]``; ``progress(percent, stage)`` is
    called before each section and before the typesetting."""
    with translation.override(params["language"]):
        year, school = _year(params), school_of(params)
        if year is None or (params.get("school") and school is None):
            raise ReportError(_("The academic year or the school of this report no longer exists."))
        institution = Institution.current()
        report_title = title(params)
        context = {
            "title": report_title,
            "year": year,
            "school": school,
            "institution": institution,
            "logo": logo_markup(institution),
            "today": timezone.localdate(),
            "language": params["language"],
            "header_css": css_string(report_title),
            "page_css": page_counter_css(),
        }
        step = 80 // len(SECTIONS)
        for number, (key, stage, section) in enumerate(SECTIONS):
            progress(5 + number * step, str(stage))
            context[key] = section(year, school)
        progress(90, _("Typesetting the PDF"))
        pdf = html_to_pdf(render_to_string(PDF_TEMPLATE, context))
        progress(100, _("Done"))
        return pdf
