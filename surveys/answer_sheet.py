"""The answer sheet as a page shows it: questions with their options, what the respondent has
entered so far and, after a refused submission, the message next to each question.

Field names: ``q<question pk>``; a matrix has ``q<question pk>_<item pk>`` per line; multiple
choice sends the name once per ticked option.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import QuestionKind
from .questions import options


def field_name(question, item=None):
    return f"q{question.pk}" if item is None else f"q{question.pk}_{item.pk}"


def raw_answers(sections, data):
    """{question pk: raw answer} from submitted form data (``surveys.submission``'s input)."""
    raw = {}
    for section in sections:
        for question in section.questions.all():
            if question.kind == QuestionKind.HEADING:
                continue
            if question.kind == QuestionKind.MULTIPLE:
                raw[question.pk] = data.getlist(field_name(question))
            elif question.kind == QuestionKind.MATRIX:
                raw[question.pk] = {
                    item.pk: data.get(field_name(question, item), "")
                    for item in question.items.all()
                }
            else:
                raw[question.pk] = data.get(field_name(question), "")
    return raw


@dataclass
class Option:
    value: int
    label: str
    checked: bool


@dataclass
class Line:
    """One line of a matrix: its item, field name and options."""

    item: object
    name: str
    options: list


@dataclass
class SheetQuestion:
    question: object
    name: str
    number: int | None
    options: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    value: str = ""
    error: str = ""

    @property
    def kind(self):
        return self.question.kind


@dataclass
class SheetSection:
    section: object
    title: str
    questions: list


def _chosen(raw):
    if isinstance(raw, (list, tuple)):
        return {str(value) for value in raw}
    return {str(raw)} if raw not in (None, "") else set()


def _sheet_question(question, number, raw, error):
    entry = SheetQuestion(question, field_name(question), number, error=error)
    if question.kind == QuestionKind.MATRIX:
        raw = raw or {}
        for item in question.items.all():
            chosen = _chosen(raw.get(item.pk, ""))
            entry.lines.append(
                Line(
                    item,
                    field_name(question, item),
                    [Option(v, label, str(v) in chosen) for v, label in options(question)],
                )
            )
    elif question.kind in (QuestionKind.NUMERIC, QuestionKind.TEXT):
        entry.value = "" if raw is None else str(raw)
    else:
        chosen = _chosen(raw)
        entry.options = [Option(v, label, str(v) in chosen) for v, label in options(question)]
    return entry


def build_sheet(sections, target, raw=None, errors=None):
    """The sections to show, questions numbered, answers kept and errors attached."""
    raw, errors = raw or {}, errors or {}
    sheet, number = [], 0
    for section in sections:
        title = section.title
        if section.per_teacher and target.teacher_id:
            title = _("%(section)s: %(teacher)s") % {"section": title, "teacher": target.teacher}
        questions = []
        for question in section.questions.all():
            if question.is_answerable:
                number += 1
            questions.append(
                _sheet_question(
                    question,
                    number if question.is_answerable else None,
                    raw.get(question.pk),
                    errors.get(question.pk, ""),
                )
            )
        sheet.append(SheetSection(section, title, questions))
    return sheet
