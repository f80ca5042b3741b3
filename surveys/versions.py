"""Questionnaire versions: a used version is locked; editing it makes a new version.

Issue 4 ("Questionnaires"). Campaigns point to the version they used, so the results of past
campaigns keep the exact wording their respondents saw.
"""

from django.db import transaction
from django.db.models import Max

from .models import Choice, MatrixItem, Question, QuestionnaireVersion, Section


@transaction.atomic
def new_version(version):
    """A copy of ``version`` — sections, questions, options, matrix items — numbered next.

    The copy is not locked, so it can be edited; the original stays as it is.
    """
    questionnaire = version.questionnaire
    last = questionnaire.versions.aggregate(last=Max("number"))["last"]
    copy = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=last + 1)
    sections = list(version.sections.order_by("position"))
    questions = list(Question.objects.filter(section__version=version).order_by("pk"))
    choices = list(Choice.objects.filter(question__section__version=version).order_by("pk"))
    items = list(MatrixItem.objects.filter(question__section__version=version).order_by("pk"))

    section_copies = {}
    for section in sections:
        section_copies[section.pk] = Section(
            version=copy,
            position=section.position,
            title_kk=section.title_kk,
            title_ru=section.title_ru,
            title_en=section.title_en,
            per_teacher=section.per_teacher,
        )
    Section.objects.bulk_create(section_copies.values())

    question_copies = {}
    for question in questions:
        question_copies[question.pk] = Question(
            section=section_copies[question.section_id],
            position=question.position,
            kind=question.kind,
            text_kk=question.text_kk,
            text_ru=question.text_ru,
            text_en=question.text_en,
            required=question.required,
            min_value=question.min_value,
            max_value=question.max_value,
        )
    Question.objects.bulk_create(question_copies.values())

    Choice.objects.bulk_create(
        Choice(
            question=question_copies[choice.question_id],
            value=choice.value,
            label_kk=choice.label_kk,
            label_ru=choice.label_ru,
            label_en=choice.label_en,
        )
        for choice in choices
    )
    MatrixItem.objects.bulk_create(
        MatrixItem(
            question=question_copies[item.question_id],
            position=item.position,
            text_kk=item.text_kk,
            text_ru=item.text_ru,
            text_en=item.text_en,
        )
        for item in items
    )
    return copy
