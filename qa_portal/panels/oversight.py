"""The QA office's panels (issue 7; seed 000 §2.3: the QA manager monitors every mechanism —
surveys, bodies, documents, accreditation, improvement actions and indicators).

Each panel costs one to three queries whatever the amount of data.
"""

from django.utils.translation import gettext_lazy as _

from accreditation import overview as accreditation
from accreditation import series
from accreditation.indicator_charts import trend_chart
from accreditation.models import IndicatorTarget
from accreditation.tracking import latest_judged
from documents.overview import acknowledgement_completion
from governance import overview as governance
from surveys.overview import open_campaigns

from . import Panel

KEY_INDICATORS = 4
OPEN_VOTES_SHOWN = 10


def campaigns_panel(school=None):
    """Survey campaigns open now with their response rates (issue 4: counts only)."""
    return Panel(
        _("Open survey campaigns"),
        "dashboard/panels/campaigns.html",
        {"campaigns": open_campaigns(school)},
        empty_text=_("No survey campaign is open."),
    )


def meetings_panel():
    """The next meetings and the votes open in every body (seed 000 §2.3: the QA manager
    oversees every body). Two queries."""
    return Panel(
        _("Meetings and votes"),
        "dashboard/panels/meetings.html",
        {
            "meetings": list(governance.upcoming_meetings()),
            "votes": list(governance.open_votes()[:OPEN_VOTES_SHOWN]),
        },
    )


def acknowledgements_panel():
    """How far each open acknowledgement campaign has come (seed 002 §3.3). One query."""
    return Panel(
        _("Acknowledgement campaigns"),
        "dashboard/panels/acknowledgements.html",
        {"campaigns": acknowledgement_completion()},
        empty_text=_("Every acknowledgement campaign is complete."),
    )


def accreditation_panel(school=None):
    """Readiness of the open cycles and the accreditations expiring within 18 months (seed 002
    S10.Req9: the QA office controls the deadlines). Three queries."""
    return Panel(
        _("Accreditation"),
        "dashboard/panels/accreditation.html",
        {
            "cycles": accreditation.open_cycles(school),
            "expiring": accreditation.expiring(school),
        },
    )


def actions_panel(school=None):
    """Open and overdue improvement actions by unit (seed 000 §4: the Act of PDCA). One
    query."""
    return Panel(
        _("Improvement actions by unit"),
        "dashboard/panels/actions_by_unit.html",
        {"rows": governance.overdue_actions_by_unit(school), "school": school},
        empty_text=_("No improvement action is open."),
    )


def key_indicators():
    """The first :data:`KEY_INDICATORS` indicators that have targets (in the framework's
    order), each with its year rows, the latest judged row and a sparkline. Two queries."""
    targets = IndicatorTarget.objects.select_related("indicator__clause").order_by(
        "indicator__clause__position", "indicator__position", "indicator__code", "year"
    )
    indicators, target_years = {}, {}
    for target in targets:
        indicators.setdefault(target.indicator_id, target.indicator)
        target_years.setdefault(target.indicator_id, {})[target.year] = target.value
    chosen = list(indicators.values())[:KEY_INDICATORS]
    values = series.institution_values([indicator.pk for indicator in chosen])
    for indicator in chosen:
        rows = series.rows_for(indicator, values[indicator.pk], target_years[indicator.pk])
        indicator.latest = latest_judged(rows)
        indicator.sparkline = None
        if indicator.latest is not None:
            indicator.sparkline = trend_chart(indicator, rows, indicator.code, sparkline=True)
    return chosen


def indicators_panel():
    """Key indicators against their targets (seed 002 §9.5: share of indicators on target;
    S9.St3: actual results against planned indicators)."""
    return Panel(
        _("Indicators against targets"),
        "dashboard/panels/indicators.html",
        {"indicators": key_indicators()},
        empty_text=_("No indicator has a target yet."),
    )
