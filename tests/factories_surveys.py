"""factory-boy factories for questionnaires and campaigns, and a ready-made open campaign."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from surveys import lifecycle
from surveys.models import (
    Campaign,
    Choice,
    MatrixItem,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Section,
)


class QuestionnaireFactory(DjangoModelFactory):
    class Meta:
        model = Questionnaire

    code = factory.Sequence(lambda n: f"q-{n}")
    title_kk = factory.Sequence(lambda n: f"Сауалнама {n}")
    title_en = factory.Sequence(lambda n: f"Questionnaire {n}")
    purpose = "course_evaluation"
    respondents = "students"


class VersionFactory(DjangoModelFactory):
    class Meta:
        model = QuestionnaireVersion

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    number = 1


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(VersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    title_kk = factory.Sequence(lambda n: f"Бөлім {n}")
    title_en = factory.Sequence(lambda n: f"Section {n}")


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = "likert"
    text_kk = factory.Sequence(lambda n: f"Сұрақ {n}")
    text_en = factory.Sequence(lambda n: f"Question {n}")


class ChoiceFactory(DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    value = factory.Sequence(lambda n: n + 1)
    label_kk = factory.Sequence(lambda n: f"Нұсқа {n}")
    label_en = factory.Sequence(lambda n: f"Option {n}")


class MatrixItemFactory(DjangoModelFactory):
    class Meta:
        model = MatrixItem

    question = factory.SubFactory(QuestionFactory, kind="matrix")
    position = factory.Sequence(lambda n: n + 1)
    text_kk = factory.Sequence(lambda n: f"Жол {n}")
    text_en = factory.Sequence(lambda n: f"Line {n}")


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign

    version = factory.LazyFunction(lambda: sheet_of_every_kind()[0])
    title_kk = factory.Sequence(lambda n: f"Науқан {n}")
    title_en = factory.Sequence(lambda n: f"Campaign {n}")
    audience_kind = "students"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


def sheet_of_every_kind(version=None):
    """A version with one question of each kind (and a per-teacher section); returns
    (version, {kind: question})."""
    version = version or VersionFactory()
    general = SectionFactory(version=version, position=1, title_en="The course")
    teacher = SectionFactory(version=version, position=2, title_en="The teacher", per_teacher=True)
    questions = {
        "heading": QuestionFactory(
            section=general, position=1, kind="heading", text_en="Think of the whole term."
        ),
        "likert": QuestionFactory(
            section=general, position=2, kind="likert", required=True, text_en="Clear goals"
        ),
        "single": QuestionFactory(
            section=general, position=3, kind="single", text_en="Preferred format"
        ),
        "multiple": QuestionFactory(
            section=general, position=4, kind="multiple", text_en="Useful materials"
        ),
        "yes_no": QuestionFactory(
            section=general, position=5, kind="yes_no", text_en="Would recommend"
        ),
        "numeric": QuestionFactory(
            section=general,
            position=6,
            kind="numeric",
            min_value=0,
            max_value=40,
            text_en="Hours per week",
        ),
        "text": QuestionFactory(section=general, position=7, kind="text", text_en="Comments"),
        "matrix": QuestionFactory(
            section=teacher, position=1, kind="matrix", required=True, text_en="The teacher was"
        ),
    }
    for value, label in ((1, "Offline"), (2, "Online"), (3, "Blended")):
        ChoiceFactory(question=questions["single"], value=value, label_en=label)
    for value, label in ((1, "Slides"), (2, "Textbook"), (3, "Videos")):
        ChoiceFactory(question=questions["multiple"], value=value, label_en=label)
    for position, text in ((1, "Punctual"), (2, "Fair in grading")):
        MatrixItemFactory(question=questions["matrix"], position=position, text_en=text)
    return version, questions


def open_campaign(**kwargs):
    """A campaign scheduled (audience invited) and opened now."""
    campaign = CampaignFactory(**kwargs)
    lifecycle.schedule(campaign)
    return lifecycle.open_campaign(campaign)


def course_evaluation(world, version=None, **kwargs):
    """World's term evaluated course by course and teacher by teacher, open now."""
    if version is None:
        version, _questions = sheet_of_every_kind()
    return open_campaign(
        version=version, audience_kind="courses", audience_term=world.term, **kwargs
    )


def full_answers(questions, **overrides):
    """Raw answers (as ``surveys.submission.submit`` takes them) to every question."""
    items = list(questions["matrix"].items.order_by("position"))
    answers = {
        questions["likert"].pk: "4",
        questions["single"].pk: "2",
        questions["multiple"].pk: ["1", "3"],
        questions["yes_no"].pk: "1",
        questions["numeric"].pk: "12",
        questions["text"].pk: "Good course",
        questions["matrix"].pk: {items[0].pk: "5", items[1].pk: "3"},
    }
    answers.update({questions[kind].pk: value for kind, value in overrides.items()})
    return answers
