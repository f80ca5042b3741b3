"""The kinds of report the portal generates in the background.

Each kind says who may ask for it, with which parameters (a form), how it is titled, which
school it concerns (its scope: a dean reads only their school's reports) and how its PDF is
built. The annual QA report, the action plan report and the survey campaign report (issue 7)
are registered here; tests register their own kinds.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext_lazy as _

from governance.roles import Role

# Issue 7, seed 000 §2.3, seed 004: the QA office and the university's leadership ask for
# reports on any scope, a dean for their own school.
REQUESTER_ROLES = (Role.QA_MANAGER, Role.RECTOR, Role.VICE_RECTOR, Role.DEAN)


class ReportError(Exception):
    """A build that cannot go on, with a message for the person who asked for the report."""


@dataclass(frozen=True)
class ReportKind:
    """One kind of report.

    ``form(user, data)`` is a form with a ``parameters()`` method returning JSON-able values
    (``"language"`` among them); ``can_request(user, params)``, ``title(params)`` and
    ``school_of(params)`` read those parameters; ``build(params, progress)`` returns the PDF
    bytes, calling ``progress(percent, stage)`` as it goes.
    """

    code: str
    label: str
    form: Callable
    can_request: Callable
    title: Callable
    school_of: Callable
    build: Callable

    def offered_to(self, user):
        """Whether the person may ask for this kind of report at all (the form decides on
        which scope)."""
        return user.is_authenticated and user.has_role(*REQUESTER_ROLES)


_registered = {}


def register(kind):
    """Add (or replace) a kind of report."""
    _registered[kind.code] = kind
    return kind


@cache
def _builtin():
    """The portal's own kinds (issue 7): the annual QA report, the action plan report and the
    survey campaign report, each a module with ``can_request``, ``title``, ``school_of`` and
    ``build``; imported on first use (they import every app's models)."""
    from . import action_plan, annual, campaign

    def of(code, label, module, form):
        return ReportKind(
            code=code,
            label=label,
            form=form,
            can_request=module.can_request,
            title=module.title,
            school_of=module.school_of,
            build=module.build,
        )

    return [
        of("annual", _("Annual QA report"), annual, annual.AnnualReportForm),
        of("action_plan", _("Action plan report"), action_plan, action_plan.ActionPlanForm),
        of("campaign", _("Survey campaign report"), campaign, campaign.CampaignReportForm),
    ]


def kinds():
    """Every registered kind, the built-in ones first."""
    found = {kind.code: kind for kind in _builtin()}
    found.update(_registered)
    return list(found.values())


def kind(code):
    """The kind with this code; ``LookupError`` when there is none."""
    for found in kinds():
        if found.code == code:
            return found
    raise LookupError(code)


def offered_to(user):
    """The kinds the person may ask for."""
    return [found for found in kinds() if found.offered_to(user)]
