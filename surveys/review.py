"""The QA office's review of free-text answers before anyone reads them.

Issue 4: "Free-text answers are reviewed by the QA office before publishing (publish, hide,
or show only to the evaluated teacher)"; EvaP (anchor A.4, item 6) does the same. A text
answer is shown nowhere until it is published; one meant only for the evaluated teacher
appears in that teacher's report of the course and nowhere else; a hidden one stays unread.

The decision is the only thing written on the answer row — not who decided or when — and it
is written in place, after the campaign has stopped taking answers, so the random-key order
of the rows (``surveys.anonymity``) is left as it is. The queue itself respects the minimum:
nothing is shown when the campaign's respondents are below it, and a text is labelled with
its course only where that course's results are shown (``surveys.results.Release``).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import ReviewStatus, TextAnswer
from .results import BY_COURSE, TOTAL


class ReviewRefused(Exception):
    """A decision that cannot be taken on this answer; the message says why."""


def choices_for(target):
    """The decisions open for an answer: "only for the teacher" needs an evaluated teacher."""
    return [
        (value, label)
        for value, label in ReviewStatus.choices
        if value != ReviewStatus.TEACHER_ONLY or target.teacher_id
    ]


def decide(text_answer, target, status):
    """Record the QA office's decision on one answer (nothing else is written)."""
    if status not in dict(choices_for(target)):
        raise ReviewRefused(_("This decision is not possible for this answer."))
    TextAnswer.objects.filter(pk=text_answer.pk).update(review=status)
    text_answer.review = status
    return text_answer


@dataclass
class QueueEntry:
    answer: TextAnswer
    where: str  # the course and teacher, where their results are shown; else empty
    choices: list


def entry(answer, release):
    """The queue's line for one answer: labelled with its course only where that course's
    results are shown."""
    target = release.targets[answer.target_id]
    course = release.cell(BY_COURSE, target.pk)
    where = course.label if course is not None and course.shown else ""
    return QueueEntry(answer, where, choices_for(target))


def pending_count(campaign):
    return TextAnswer.objects.filter(target__campaign=campaign, review=ReviewStatus.PENDING).count()


def queue(campaign, release, questions):
    """[(question result number and question, [QueueEntry])] in the order of the sheet; empty
    when the campaign's respondents are below the minimum."""
    total = release.cell(TOTAL)
    if total is None or not total.shown:
        return []
    entries = defaultdict(list)
    for answer in TextAnswer.objects.filter(target__campaign=campaign).order_by("id"):
        entries[answer.question_id].append(entry(answer, release))
    return [
        (number, question, entries[question.pk])
        for number, question in enumerate(questions, start=1)
        if entries.get(question.pk)
    ]
