"""Permission rows for answering surveys. World's student is enrolled in course A, which
world's teacher teaches, so a course evaluation of world's term invites the student (only) to
evaluate that course and teacher; people without an account answer through a one-time link."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.urlmatrix import cached, everyone

# Only the invited person opens a survey page (seed 000 §4.1.7: nobody else sees it).
INVITED_STUDENT = {**everyone(403), "student": 200}
LINK = everyone(200, anonymous=200)


def evaluation_target(world):
    """The student's target (course A × its teacher) in an open course evaluation."""

    def build():
        from . import factories_surveys as fs

        campaign = fs.course_evaluation(world)
        return campaign.targets.get(course=world.course_a)

    return cached(world, "_surveys_target", build)


def answered_target(world):
    """As above, in a second campaign the student has already answered."""

    def build():
        from surveys.models import Invitation
        from surveys.submission import submit

        from . import factories_surveys as fs

        version, questions = fs.sheet_of_every_kind()
        target = fs.course_evaluation(world, version=version).targets.get(course=world.course_a)
        submit(Invitation.objects.get(target=target), fs.full_answers(questions))
        return target

    return cached(world, "_surveys_answered_target", build)


def link(world, state="fresh"):
    """A one-time link token for an alumna invited by e-mail: used, expired or (any other
    state, each its own campaign) fresh."""

    def build():
        from surveys.audience import issue_token
        from surveys.models import Invitation
        from surveys.submission import submit

        from . import factories_surveys as fs

        version, questions = fs.sheet_of_every_kind()
        campaign = fs.open_campaign(
            version=version,
            audience_kind="external",
            external_emails=f"{state}@alumni.example.kz",
        )
        invitation = Invitation.objects.get(target__campaign=campaign)
        valid_until = timezone.now() - datetime.timedelta(minutes=1) if state == "expired" else None
        token = issue_token(invitation, valid_until)
        if state == "used":
            submit(invitation, fs.full_answers(questions))
        return token

    return cached(world, f"_surveys_link_{state}", build)


MATRIX = {
    "surveys:mine": (lambda w: reverse("surveys:mine"), everyone(200)),
    "surveys:answer": (
        lambda w: reverse("surveys:answer", args=[evaluation_target(w).pk]),
        INVITED_STUDENT,
    ),
    "surveys:thanks": (
        lambda w: reverse("surveys:thanks", args=[answered_target(w).pk]),
        INVITED_STUDENT,
    ),
    "surveys:token_answer": (lambda w: reverse("surveys:token_answer", args=[link(w)]), LINK),
    "surveys:token_thanks": (
        lambda w: reverse("surveys:token_thanks", args=[link(w, "used")]),
        LINK,
    ),
}

OBJECT_CASES = {
    # A second visit after answering says so (200), it is not an error.
    "survey already answered": (
        lambda w: reverse("surveys:answer", args=[answered_target(w).pk]),
        INVITED_STUDENT,
    ),
    "thanks before answering goes to the questions": (
        lambda w: reverse("surveys:thanks", args=[evaluation_target(w).pk]),
        {**everyone(403), "student": 302},
    ),
    "unknown survey target": (
        lambda w: reverse("surveys:answer", args=[999_999]),
        everyone(404),
    ),
    "used link": (
        lambda w: reverse("surveys:token_answer", args=[link(w, "used")]),
        LINK,
    ),
    "expired link": (
        lambda w: reverse("surveys:token_answer", args=[link(w, "expired")]),
        everyone(410, anonymous=410),
    ),
    "unknown link": (
        lambda w: reverse("surveys:token_answer", args=["not-a-token"]),
        everyone(404, anonymous=404),
    ),
    "thanks before answering through a link": (
        lambda w: reverse("surveys:token_thanks", args=[link(w)]),
        everyone(302, anonymous=302),
    ),
}
