"""The questionnaire builder's rules: who builds, what may change when, and the order of parts.

Issue 4 ("Questionnaires"): the QA office keeps questionnaires in versions; a version a campaign
has used is locked (``QuestionnaireVersion.locked_at``, set by ``surveys.lifecycle.schedule``)
and editing it means making a new version (``surveys.versions.new_version``). Seed 000 §2.3 and
§4.1.7–§4.1.9: the QA manager writes the methodology and the questionnaires.

Every change goes through a function here. Each first takes the version's row lock and checks
that the version is still a draft, in the same transaction as the change: a campaign scheduled
at that moment either waits for the edit to finish or locks the version before it starts, so an
edit never lands in a version that respondents already see. Because the check is made here
under the lock, renumbering uses queryset updates, like ``new_version``.

Positions within a version (sections) and within a section (questions) run 1, 2, 3 … without
gaps; options of a choice question take the values 1, 2, 3 … in the order shown, and scale
labels belong to the points 1–5.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils.translation import gettext as _

from governance.multilingual import LANGUAGE_CODES
from governance.roles import Role

from .models import Choice, MatrixItem, Question, QuestionKind, QuestionnaireVersion, Section
from .models.questionnaires import CHOICE_KINDS, LIKERT_VALUES, SCALE_KINDS, VersionLocked

UP, DOWN = "up", "down"


class BuilderError(Exception):
    """A change the builder refuses; the message says why."""


def can_build(user):
    """Seed 000 §2.3: the QA manager writes the questionnaires; nobody else edits them."""
    return user.is_authenticated and user.has_role(Role.QA_MANAGER)


def _editable(version_id):
    """The version, row-locked until the transaction ends; ``VersionLocked`` once it is used."""
    version = QuestionnaireVersion.objects.select_for_update().get(pk=version_id)
    if version.is_locked:
        raise VersionLocked
    return version


def outline(version):
    """The version's sections in order, with questions, options and matrix items prefetched."""
    return list(
        Section.objects.filter(version=version)
        .order_by("position")
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.order_by("position").prefetch_related(
                    Prefetch("choices", queryset=Choice.objects.order_by("value")),
                    Prefetch("items", queryset=MatrixItem.objects.order_by("position")),
                ),
            )
        )
    )


def missing_translations(sections):
    """Where ``outline()`` lacks a language (issue 4: text in kk/ru/en): (place, language
    names) for each title, question, option and matrix line with an empty text."""
    names = dict(settings.LANGUAGES)
    found = []

    def check(part, field, place):
        missing = [names[code] for code in LANGUAGE_CODES if not getattr(part, f"{field}_{code}")]
        if missing:
            found.append((place, missing))

    for section in sections:
        check(section, "title", _("Section %(section)s") % {"section": section.position})
        for question in section.questions.all():
            place = _("Question %(section)s.%(question)s") % {
                "section": section.position,
                "question": question.position,
            }
            check(question, "text", place)
            for choice in question.choices.all():
                check(
                    choice,
                    "label",
                    _("%(place)s, option %(n)s") % {"place": place, "n": choice.value},
                )
            for item in question.items.all():
                check(
                    item, "text", _("%(place)s, line %(n)s") % {"place": place, "n": item.position}
                )
    return found


# --- positions -------------------------------------------------------------------------------


def _siblings(part):
    if isinstance(part, Section):
        return Section.objects.filter(version_id=part.version_id)
    return Question.objects.filter(section_id=part.section_id)


def _next_position(siblings):
    return (siblings.aggregate(last=Max("position"))["last"] or 0) + 1


def _renumber(siblings):
    """Close the gaps: positions become 1, 2, 3 … in their present order."""
    model = siblings.model
    for expected, (pk, position) in enumerate(
        siblings.order_by("position").values_list("pk", "position"), start=1
    ):
        if position != expected:
            # Positions only ever shrink here, so going up from the first never collides.
            model.objects.filter(pk=pk).update(position=expected)


def _swap(part, other):
    """Exchange two positions under the unique constraint, through a free position."""
    model = type(part)
    free = _next_position(_siblings(part))
    model.objects.filter(pk=part.pk).update(position=free)
    model.objects.filter(pk=other.pk).update(position=part.position)
    model.objects.filter(pk=part.pk).update(position=other.position)
    part.position, other.position = other.position, part.position


def _neighbour(part, direction):
    siblings = _siblings(part).exclude(pk=part.pk)
    if direction == UP:
        return siblings.filter(position__lt=part.position).order_by("-position").first()
    return siblings.filter(position__gt=part.position).order_by("position").first()


def _check_direction(direction):
    if direction not in (UP, DOWN):
        raise BuilderError(_("Unknown direction."))


@transaction.atomic
def create_questionnaire(questionnaire):
    """Save a new questionnaire with its first version, empty and open to editing."""
    questionnaire.save()
    return QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1)


# --- sections --------------------------------------------------------------------------------


@transaction.atomic
def add_section(version, section):
    """Put the unsaved ``section`` last in ``version``."""
    _editable(version.pk)
    section.version = version
    section.position = _next_position(Section.objects.filter(version=version))
    section.save()
    return section


@transaction.atomic
def save_section(section):
    _editable(section.version_id)
    section.save()
    return section


@transaction.atomic
def delete_section(section):
    """Delete the section with its questions; the sections after it move up."""
    _editable(section.version_id)
    section.delete()
    _renumber(Section.objects.filter(version_id=section.version_id))


@transaction.atomic
def move_section(section, direction):
    """One place up or down; returns False when it is already first or last."""
    _check_direction(direction)
    _editable(section.version_id)
    section = Section.objects.get(pk=section.pk)
    other = _neighbour(section, direction)
    if other is None:
        return False
    _swap(section, other)
    return True


# --- questions -------------------------------------------------------------------------------


def _fits(kind, rows):
    """Which kinds of option rows a question of ``kind`` keeps."""
    if rows == "items":
        return kind == QuestionKind.MATRIX
    return kind in SCALE_KINDS | CHOICE_KINDS


def _drop_unfitting(question, old_kind):
    """After a change of type: drop the options and items the new type has no use for.

    Choice values (1, 2, 3 … in the order shown) and scale points (1–5) mean different things,
    so options do not survive a change between a choice question and a scale.
    """
    kind = question.kind
    same_family = old_kind is None or (
        (kind in SCALE_KINDS and old_kind in SCALE_KINDS)
        or (kind in CHOICE_KINDS and old_kind in CHOICE_KINDS)
    )
    if not _fits(kind, "choices") or not same_family:
        Choice.objects.filter(question=question).delete()
    if not _fits(kind, "items"):
        MatrixItem.objects.filter(question=question).delete()


def _replace_choices(question, choices, labels):
    Choice.objects.filter(question=question).delete()
    if question.kind in CHOICE_KINDS and choices is not None:
        rows = [Choice(question=question, value=n, **text) for n, text in enumerate(choices, 1)]
    elif question.kind in SCALE_KINDS and labels is not None:
        rows = [
            Choice(question=question, value=value, **labels[value])
            for value in LIKERT_VALUES
            if labels.get(value)
        ]
    else:
        rows = []
    Choice.objects.bulk_create(rows)


def _replace_items(question, items):
    MatrixItem.objects.filter(question=question).delete()
    MatrixItem.objects.bulk_create(
        MatrixItem(question=question, position=n, **text) for n, text in enumerate(items, 1)
    )


@transaction.atomic
def save_question(question, *, old_kind=None, choices=None, labels=None, items=None):
    """Save ``question`` (a new one goes last in its section) and, where given, its options.

    ``choices``: texts of the options of a single or multiple choice question, in order, each
    ``{"label_kk": …, "label_ru": …, "label_en": …}``; ``labels``: {scale point: such texts}
    for the points of a Likert or matrix scale that do not use the standard label; ``items``:
    ``{"text_kk": …, …}`` for each line of a matrix, in order. ``None`` leaves the present rows
    as they are, except those a change of type (from ``old_kind``) makes meaningless.
    """
    _editable(question.section.version_id)
    if question.pk is None:
        question.position = _next_position(Question.objects.filter(section=question.section))
    if question.kind != QuestionKind.NUMERIC:
        question.min_value = question.max_value = None
    question.save()
    if old_kind is not None and old_kind != question.kind:
        _drop_unfitting(question, old_kind)
    if choices is not None or labels is not None:
        _replace_choices(question, choices, labels)
    if items is not None and question.kind == QuestionKind.MATRIX:
        _replace_items(question, items)
    return question


@transaction.atomic
def delete_question(question):
    """Delete the question with its options; the questions after it move up."""
    _editable(question.section.version_id)
    question.delete()
    _renumber(Question.objects.filter(section_id=question.section_id))


@transaction.atomic
def move_question(question, direction):
    """One place up or down; from the edge of its section, into the neighbouring section
    (last there when going up, first when going down). Returns False when nothing moved."""
    _check_direction(direction)
    _editable(question.section.version_id)
    question = Question.objects.select_related("section").get(pk=question.pk)
    other = _neighbour(question, direction)
    if other is not None:
        _swap(question, other)
        return True
    section = _neighbour(question.section, direction)
    if section is None:
        return False
    old_siblings = Question.objects.filter(section_id=question.section_id)
    new_siblings = Question.objects.filter(section=section)
    if direction == UP:
        position = _next_position(new_siblings)
    else:
        # Make room at the top, last question first so that no two share a position.
        for pk, at in new_siblings.order_by("-position").values_list("pk", "position"):
            Question.objects.filter(pk=pk).update(position=at + 1)
        position = 1
    Question.objects.filter(pk=question.pk).update(section=section, position=position)
    _renumber(old_siblings)
    return True
