"""Permission matrix rows for the minutes area (minutes, extracts, approval, revisions)."""

import datetime

from django.urls import reverse

from governance.models import Decision

from . import factories as f
from .urlmatrix import everyone

# Members of School A's committee (voting or not) and the QA manager read its minutes.
READERS = {**everyone(403), "member": 200, "secretary": 200, "chair": 200, "qa_manager": 200}
# The secretary and the chair keep the minutes.
KEEPERS = {**everyone(403), "secretary": 200, "chair": 200}
POST_ONLY = everyone(405, anonymous=405)


def _decision(w):
    decision, _created = Decision.objects.get_or_create(
        body=w.committee,
        number="M-1",
        defaults={"meeting": w.meeting, "date": datetime.date(2026, 11, 1), "text": "Шешім"},
    )
    return decision


MATRIX = {
    "governance:meeting_minutes": (
        lambda w: reverse("governance:meeting_minutes", args=[w.meeting.pk]),
        READERS,
    ),
    "governance:meeting_minutes_pdf": (
        lambda w: reverse("governance:meeting_minutes_pdf", args=[w.meeting.pk]),
        READERS,
    ),
    "governance:item_extract_pdf": (
        lambda w: reverse("governance:item_extract_pdf", args=[w.item.pk]),
        READERS,
    ),
    "governance:item_minutes_edit": (
        lambda w: reverse("governance:item_minutes_edit", args=[w.item.pk]),
        KEEPERS,
    ),
    "governance:minutes_approve": (
        lambda w: reverse("governance:minutes_approve", args=[w.meeting.pk]),
        POST_ONLY,
    ),
    "governance:decision_take_up": (
        lambda w: reverse("governance:decision_take_up", args=[_decision(w).pk]),
        POST_ONLY,
    ),
    "governance:decision_revision_record": (
        lambda w: reverse("governance:decision_revision_record", args=[_decision(w).pk]),
        POST_ONLY,
    ),
}


def _council_meeting(w):
    return f.MeetingFactory(body=w.council, number=41, status="published")


def _council_item(w):
    return f.AgendaItemFactory(
        meeting=_council_meeting(w), position=1, proposed_by=w.users["rector"]
    )


COUNCIL_READERS = {**everyone(403), "rector": 200, "qa_manager": 200}

OBJECT_CASES = {
    # The council's minutes: its chair (the rector) and the QA manager (a non-voting member).
    "council minutes page": (
        lambda w: reverse("governance:meeting_minutes", args=[_council_meeting(w).pk]),
        COUNCIL_READERS,
    ),
    "council minutes PDF": (
        lambda w: reverse("governance:meeting_minutes_pdf", args=[_council_meeting(w).pk]),
        COUNCIL_READERS,
    ),
    "council item extract": (
        lambda w: reverse("governance:item_extract_pdf", args=[_council_item(w).pk]),
        COUNCIL_READERS,
    ),
    # The rector chairs the council and keeps its minutes; the QA manager only reads them.
    "council item discussion": (
        lambda w: reverse("governance:item_minutes_edit", args=[_council_item(w).pk]),
        {**everyone(403), "rector": 200},
    ),
    "minutes of an unknown meeting": (
        lambda w: reverse("governance:meeting_minutes_pdf", args=[999999]),
        everyone(404),
    ),
    # A proposed item is not on the agenda, so it is in no minutes and has no extract.
    "extract of a proposed item": (
        lambda w: reverse(
            "governance:item_extract_pdf",
            args=[
                f.AgendaItemFactory(
                    meeting=w.meeting, status="proposed", proposed_by=w.users["member"]
                ).pk
            ],
        ),
        everyone(404),
    ),
}
