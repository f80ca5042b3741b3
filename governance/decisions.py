"""The register of decisions: an adopted motion becomes a numbered decision of its body.

Seed 000 §2: the council and the school committees decide by vote; members obtain extracts from
the minutes, so every adopted motion is entered in the body's register with its number, date,
text and the result of the vote in words. Seed 000 §2.1: the council may revise a School
Committee's decision; an agenda item that ``reviews`` such a decision links the new decision to
it.
"""

from itertools import count

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from governance.models import Decision
from governance.models.decisions import RevisionKind
from governance.models.voting import MotionStatus, Outcome
from governance.voting import explain, result_of


def decision_number(meeting, item, suffix=1):
    """The register number: meeting number / item position, then -2, -3 … for later motions."""
    number = f"{meeting.number}/{item.position}"
    return number if suffix == 1 else f"{number}-{suffix}"


def record_decision(motion):
    """Enter an adopted motion in its body's register of decisions; return the decision.

    Nothing is recorded for a motion that is not closed or not adopted (None is returned).
    Calling it again for the same motion returns the decision already recorded, so the close
    view and the Celery close task may both call it safely. The number is unique per body: a
    second adopted motion on the same item gets a suffix ("3/2-2").
    """
    if motion.status != MotionStatus.CLOSED or motion.outcome != Outcome.ADOPTED:
        return None
    existing = Decision.objects.filter(motion=motion).first()
    if existing:
        return existing
    item = motion.item
    meeting = item.meeting
    body = meeting.body
    with translation.override(meeting.language):
        result = str(explain(body, result_of(motion)))
    reviewed = item.reviews_id
    base = decision_number(meeting, item)
    taken = set(
        Decision.objects.filter(body=body, number__startswith=base).values_list("number", flat=True)
    )
    for suffix in count(1):
        number = decision_number(meeting, item, suffix)
        if number in taken:
            continue
        try:
            with transaction.atomic():
                return Decision.objects.create(
                    body=body,
                    meeting=meeting,
                    motion=motion,
                    number=number,
                    date=timezone.localdate(motion.closed_at or timezone.now()),
                    text=motion.text,
                    result=result,
                    revises_id=reviewed,
                    revision_kind=RevisionKind.REVISED if reviewed else "",
                )
        except IntegrityError:
            # Another process recorded this motion, or took the number, meanwhile.
            existing = Decision.objects.filter(motion=motion).first()
            if existing:
                return existing
            taken.add(number)
    return None  # pragma: no cover - the loop above only ends by returning
