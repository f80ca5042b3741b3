"""Who reads and who keeps the standards frameworks, the crosswalk and the indicators.

Seed 000 §2.3 and seed 002 §9.6 ("АСБ (QA admin): indicators, templates, monitoring plans,
accreditation/PAM register"): the QA manager keeps the agencies, the frameworks, the crosswalk,
the indicators, their targets and their values. The rector and the vice-rectors lead the
university and read everything (``documents.access.reads_all``); other staff read the
frameworks and the university's own indicator values; a dean also reads the values of their
school and of its programmes (seed 002 §9.5: the programme-health dashboard is the deans').
Students and people outside the university read none of it.
"""

from django.core.exceptions import PermissionDenied

from documents.access import is_staff_member, reads_all
from governance.models import School
from governance.roles import Role

KEEPER_ROLES = (Role.QA_MANAGER,)


def reads(user):
    """Staff read the frameworks, agencies, crosswalk and indicators."""
    return is_staff_member(user)


def manages(user):
    """The QA manager imports frameworks, edits the crosswalk and keeps the indicators."""
    return user.is_authenticated and user.has_role(*KEEPER_ROLES)


def require_reader(user):
    if not reads(user):
        raise PermissionDenied


def require_keeper(user):
    if not manages(user):
        raise PermissionDenied


def led_school_ids(user):
    """Schools the person is dean of (read once per request)."""
    cached = user.__dict__.get("_accreditation_schools")
    if cached is None:
        cached = set()
        if user.is_authenticated and user.has_role(Role.DEAN):
            cached = set(School.objects.filter(dean=user).values_list("pk", flat=True))
        user.__dict__["_accreditation_schools"] = cached
    return cached


def reads_every_scope(user):
    """The QA manager, the rector and the vice-rectors read every school's values."""
    return reads_all(user)


def can_read_scope(user, scope):
    """The university's values for all staff; a school's or programme's for the leadership
    and the school's dean."""
    if not reads(user):
        return False
    if scope.is_institution or reads_every_scope(user):
        return True
    return scope.school_id in led_school_ids(user)
