"""Permission matrix rows for the end of an accreditation cycle: the site visit programme,
the agency's decision, the action plan and the follow-up report.

The world's cycle accredits programme A and is at the site visit; the committee member sits
on its working group; a meeting of the visit and a recommendation with its action (owned by
the teacher) are recorded. The QA manager keeps all of it; the rector and the working group
read it; everyone else gets 403.
"""

import datetime

from django.urls import reverse

from tests.urlmatrix import cached, everyone

KEEPER = {**everyone(403), "qa_manager": 200}
CYCLE_READERS = {**everyone(403), "qa_manager": 200, "rector": 200, "member": 200}
POST_ONLY = everyone(405, anonymous=405)


def visited(world):
    """A programme cycle at the site visit, with a meeting and a recommendation."""

    def build():
        from accreditation import cycles

        from .factories_accreditation import ClauseFactory, FrameworkFactory
        from .factories_accreditation_cycles import CycleFactory, MemberFactory
        from .factories_accreditation_decisions import VisitMeetingFactory, recommendation

        framework = FrameworkFactory(code="IAAR-PROG")
        ClauseFactory(framework=framework, code="1")
        found = CycleFactory(framework=framework, kind="programme")
        found.programmes.set([world.programme_a])
        MemberFactory(cycle=found, person=world.users["member"])
        for step in ("start_self_assessment", "submit", "start_visit"):
            cycles.move(found, step)
        meeting = VisitMeetingFactory(cycle=found, participants=[world.users["student"]])
        recommendation(found, world.users["teacher"], datetime.date(2099, 1, 1))
        return {"cycle": found, "meeting": meeting}

    return cached(world, "_accreditation_visited", build)


def expert_visit(world):
    """A meeting of another cycle's site visit that the external expert takes part in."""

    def build():
        from .factories_accreditation_decisions import VisitMeetingFactory

        return VisitMeetingFactory(participants=[world.users["external_expert"]])

    return cached(world, "_accreditation_expert_visit", build)


def _url(name, key="cycle"):
    return lambda w: reverse(name, args=[visited(w)[key].pk])


def _expert_cycle(name):
    return lambda w: reverse(name, args=[expert_visit(w).cycle_id])


MATRIX = {
    "accreditation:visit_schedule": (_url("accreditation:visit_schedule"), CYCLE_READERS),
    "accreditation:visit_print": (_url("accreditation:visit_print"), CYCLE_READERS),
    "accreditation:visit_meeting_add": (_url("accreditation:visit_meeting_add"), POST_ONLY),
    "accreditation:visit_meeting_edit": (
        _url("accreditation:visit_meeting_edit", "meeting"),
        KEEPER,
    ),
    "accreditation:visit_meeting_remove": (
        _url("accreditation:visit_meeting_remove", "meeting"),
        POST_ONLY,
    ),
    "accreditation:decision_edit": (_url("accreditation:decision_edit"), KEEPER),
    "accreditation:action_plan": (_url("accreditation:action_plan"), CYCLE_READERS),
    "accreditation:recommendation_add": (_url("accreditation:recommendation_add"), POST_ONLY),
    "accreditation:follow_up_report": (_url("accreditation:follow_up_report"), CYCLE_READERS),
    "accreditation:follow_up_report_pdf": (
        _url("accreditation:follow_up_report_pdf"),
        CYCLE_READERS,
    ),
}

# The external expert reads the programme of a visit they take part in (seed 002 S10.St3,
# ``accreditation.site_visit.can_read_programme``), not the programme of another visit (the
# world's cycle, above) and not the cycle itself, which is for the cycle's readers.
LEADERSHIP = {**everyone(403), "qa_manager": 200, "rector": 200}
PANEL = {**LEADERSHIP, "external_expert": 200}

OBJECT_CASES = {
    "visit programme of a visit the expert takes part in": (
        _expert_cycle("accreditation:visit_schedule"),
        PANEL,
    ),
    "printed programme of a visit the expert takes part in": (
        _expert_cycle("accreditation:visit_print"),
        PANEL,
    ),
    "cycle of a visit the expert takes part in": (
        _expert_cycle("accreditation:cycle_detail"),
        LEADERSHIP,
    ),
    "unknown meeting": (
        lambda w: reverse("accreditation:visit_meeting_edit", args=[999999]),
        {**everyone(403), "qa_manager": 404},
    ),
}
