"""What a respondent is asked for a target, and the values each kind of question takes.

Seed 000 §4.1.10: the course evaluation has a part about the teacher; sections marked
``per_teacher`` are asked only on a target that names a teacher. Likert and matrix questions
use the scale 1–5 (issue 4); their labels are the usual agreement labels unless the question
gives its own for some points.
"""

from functools import lru_cache

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from .models import Question, QuestionKind, Section
from .models.questionnaires import CHOICE_KINDS, LIKERT_VALUES, SCALE_KINDS

YES, NO = 1, 0

LIKERT_LABELS = {
    1: _("Strongly disagree"),
    2: _("Disagree"),
    3: _("Neither agree nor disagree"),
    4: _("Agree"),
    5: _("Strongly agree"),
}


def _load_sections(version_id, with_teacher):
    sections = Section.objects.filter(version=version_id).prefetch_related(
        Prefetch(
            "questions",
            queryset=Question.objects.order_by("position").prefetch_related("choices", "items"),
        )
    )
    if not with_teacher:
        sections = sections.filter(per_teacher=False)
    return tuple(sections.order_by("position"))


@lru_cache(maxsize=128)
def _locked_sections(version_id, locked_at, with_teacher):
    """A locked version never changes (``VersionLocked``), so each process reads it once; the
    lock's time is part of the key, so a version is never mistaken for another one."""
    return _load_sections(version_id, with_teacher)


def sections_for(target):
    """The target's sections in order, questions, options and matrix items prefetched.

    The objects of a locked version are shared between requests: read them, do not change
    them.
    """
    version = target.campaign.version
    with_teacher = target.teacher_id is not None
    if version.locked_at is None:
        return list(_load_sections(version.pk, with_teacher))
    return list(_locked_sections(version.pk, version.locked_at, with_teacher))


def answerable_questions(sections):
    return [q for section in sections for q in section.questions.all() if q.is_answerable]


def options(question):
    """The (value, label) pairs a respondent picks from; empty for numbers and text."""
    if question.kind in SCALE_KINDS:
        labels = dict(LIKERT_LABELS)
        labels.update({c.value: c.label for c in question.choices.all() if c.value in labels})
        return [(value, labels[value]) for value in LIKERT_VALUES]
    if question.kind in CHOICE_KINDS:
        return [(choice.value, choice.label) for choice in question.choices.all()]
    if question.kind == QuestionKind.YES_NO:
        return [(YES, _("Yes")), (NO, _("No"))]
    return []


def counted_values(question):
    """Every value a counted question can take, so that all its counters exist beforehand."""
    if question.kind == QuestionKind.NUMERIC:
        return list(range(question.min_value, question.max_value + 1))
    return [value for value, _label in options(question)]
