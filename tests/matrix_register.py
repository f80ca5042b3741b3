"""Permission matrix rows for the decision register and improvement actions.

world.committee is School A's committee (member, secretary, chair); the council has the rector
(chair) and the QA manager. The teacher of School A owns the action raised from the committee's
decision.
"""

import datetime

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tests.urlmatrix import cached, everyone

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"

DECISION_READERS = {
    **everyone(403),
    "member": 200,
    "secretary": 200,
    "chair": 200,
    "qa_manager": 200,
    "rector": 200,
}
# Owner (teacher), dean of School A, the committee's members, the QA manager and the rector;
# not the student nor the external expert.
ACTION_READERS = {**everyone(200), "student": 403, "external_expert": 403}
RAISERS = {**everyone(403), "secretary": 200, "chair": 200, "qa_manager": 200}
LEADERSHIP_ONLY = {**everyone(403), "qa_manager": 200, "rector": 200}
POST_ONLY = everyone(405, anonymous=405)


def committee_decision(world):
    """A decision of School A's committee, made once per world."""
    from governance.models import Decision

    return cached(
        world,
        "_register_decision",
        lambda: Decision.objects.create(
            body=world.committee,
            meeting=world.meeting,
            number="REG-1",
            date=datetime.date(2026, 10, 1),
            text="Силлабустарды жаңарту",
            result="For 2, against 0",
        ),
    )


def council_decision(world):
    """A decision of the council, which committee members do not read."""
    from governance.models import Decision

    from . import factories as f

    def make():
        meeting = f.MeetingFactory(body=world.council, number=901)
        return Decision.objects.create(
            body=world.council,
            meeting=meeting,
            number="REG-C1",
            date=datetime.date(2026, 10, 2),
            text="Бағдарламаны бекіту",
        )

    return cached(world, "_register_council_decision", make)


def committee_action(world):
    """An action of School A owned by the teacher, raised from the committee's decision, with
    an evidence file."""
    from governance.actions import raise_from_decision

    def make():
        action = raise_from_decision(
            committee_decision(world),
            title="Update the syllabi",
            owner=world.users["teacher"],
            school=world.school_a,
            due_date=timezone.localdate() + datetime.timedelta(days=30),
        )
        action.evidence_file = ContentFile(PDF, name="evidence.pdf")
        action.save()
        return action

    return cached(world, "_register_action", make)


def school_b_action(world):
    """An action of School B raised from the council's decision, owned by a School B teacher."""
    from governance.actions import raise_from_decision

    from . import factories as f

    def make():
        action = raise_from_decision(
            council_decision(world),
            title="Open the new programme",
            owner=f.teacher(world.school_b, email="owner-b@uni.example.kz"),
            school=world.school_b,
            due_date=timezone.localdate() + datetime.timedelta(days=30),
        )
        action.evidence_file = ContentFile(PDF, name="evidence-b.pdf")
        action.save()
        return action

    return cached(world, "_register_action_b", make)


def _action_url(name, make=committee_action):
    return lambda w: reverse(f"governance:{name}", args=[make(w).pk])


MATRIX = {
    "governance:decision_list": (lambda w: reverse("governance:decision_list"), everyone(200)),
    "governance:decision_detail": (
        lambda w: reverse("governance:decision_detail", args=[committee_decision(w).pk]),
        DECISION_READERS,
    ),
    "governance:action_create": (
        lambda w: reverse("governance:action_create", args=[committee_decision(w).pk]),
        RAISERS,
    ),
    "governance:action_list": (lambda w: reverse("governance:action_list"), everyone(200)),
    "governance:action_detail": (_action_url("action_detail"), ACTION_READERS),
    "governance:action_update": (_action_url("action_update"), POST_ONLY),
    "governance:action_evidence": (_action_url("action_evidence"), ACTION_READERS),
}

OBJECT_CASES = {
    # A committee member does not read the council's decisions unless they sit on it.
    "register: council decision": (
        lambda w: reverse("governance:decision_detail", args=[council_decision(w).pk]),
        LEADERSHIP_ONLY,
    ),
    # The rector chairs the council and may raise actions from its decisions.
    "register: raise an action from the council's decision": (
        lambda w: reverse("governance:action_create", args=[council_decision(w).pk]),
        LEADERSHIP_ONLY,
    ),
    "register: unknown decision": (
        lambda w: reverse("governance:decision_detail", args=[999999]),
        everyone(404),
    ),
    # The dean of School A opens no action of School B.
    "register: School B's action as dean of A": (
        _action_url("action_detail", school_b_action),
        LEADERSHIP_ONLY,
    ),
    "register: School B's evidence as dean of A": (
        _action_url("action_evidence", school_b_action),
        LEADERSHIP_ONLY,
    ),
    "register: unknown action": (
        lambda w: reverse("governance:action_detail", args=[999999]),
        everyone(404),
    ),
}
