"""Permission rows for the bodies area: the list of readable bodies and one body's page."""

from django.urls import reverse

from tests.urlmatrix import everyone

MATRIX = {
    # Everyone signed in has a list; it holds only the bodies they can read.
    "governance:body_list": (lambda w: reverse("governance:body_list"), everyone(200)),
    # School A's committee: its members and the QA manager (oversight), nobody else.
    "governance:body_detail": (
        lambda w: reverse("governance:body_detail", args=[w.committee.pk]),
        {**everyone(403), "member": 200, "secretary": 200, "chair": 200, "qa_manager": 200},
    ),
}

OBJECT_CASES = {
    # The council: the rector chairs it, the QA manager sits on it without a vote.
    "council page for its members only": (
        lambda w: reverse("governance:body_detail", args=[w.council.pk]),
        {**everyone(403), "qa_manager": 200, "rector": 200},
    ),
    "unknown body": (
        lambda w: reverse("governance:body_detail", args=[999_999]),
        everyone(404),
    ),
}
