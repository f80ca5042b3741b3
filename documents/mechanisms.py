"""Who reads and who keeps the register of QA mechanisms, their cycles and the inspections;
the order of the register.

Seed 000 §2.3: the QA manager monitors every mechanism and keeps the QA records; staff and the
university's leadership read them (``documents.access.is_staff_member``). Seed 000 §2.2: a
School Committee implements the mechanisms in its school, so the chair, deputy chair and
secretary of a body responsible for a mechanism record the stages of its cycles too.
"""

import re

from governance.models import Membership
from governance.permissions import AGENDA_ROLES
from governance.roles import Role

from .access import is_staff_member
from .models import MechanismKind

KEEPER_ROLES = (Role.QA_MANAGER,)


def can_read(user):
    """Staff, the QA office and the leadership read mechanisms, cycles and inspections."""
    return is_staff_member(user)


def can_keep(user):
    """The QA office keeps the register: new mechanisms, new cycles, inspections."""
    return user.is_authenticated and user.has_role(*KEEPER_ROLES)


def runs_a_responsible_body(user, mechanism):
    """Whether the person chairs (or deputises) or is secretary of a body responsible for the
    mechanism today (one query)."""
    return (
        Membership.objects.current()
        .filter(person=user, role__in=AGENDA_ROLES, body__qa_mechanisms=mechanism)
        .exists()
    )


def can_record(user, mechanism):
    """Who records the stages of a cycle: the QA manager, and the officers of a responsible
    body (seed 000 §2.2)."""
    if not user.is_authenticated:
        return False
    return can_keep(user) or runs_a_responsible_body(user, mechanism)


def register_order(mechanism):
    """Sort key of the register: internal mechanisms first (seed 000 §4.1, then §4.2), codes in
    natural order (QAM-4.1.2 before QAM-4.1.10)."""
    parts = re.split(r"(\d+)", mechanism.code)
    return (
        mechanism.kind != MechanismKind.INTERNAL,
        [int(part) if part.isdigit() else part for part in parts],
    )
