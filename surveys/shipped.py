"""The questionnaires the portal ships, in kk/ru/en, and their loader (``load_questionnaires``).

Issue 4 ("Shipped templates"): student satisfaction (seed 000 §4.1.7), faculty motivation and
job satisfaction (§4.1.8), doctoral students (§4.1.9), the end-of-semester course and teacher
evaluation with a per-teacher section (§4.1.10), alumni (§4.1.12), employers (§4.1.13) and
"Teacher through the eyes of students" (seed 001 §5.5.21, §6.16). Each is a JSON file in
``shipped_questionnaires/`` that lists the objectives its seed states and, for each question,
the objectives it serves. ``scales.json`` names the answer scales a Likert or matrix question
may use instead of the standard agreement labels.

Loading is idempotent: a questionnaire is found again by its code, and when one of its versions
already holds the shipped content, nothing is written. Otherwise the content becomes a new
version: the first of a new questionnaire, or the next number of an existing one. A locked
version is never changed, nor is a draft the QA office may be editing. Titles, purpose and
respondents are set when the questionnaire is created; after that they are the office's.
"""

import json
import re
from pathlib import Path

from django.db import transaction
from django.db.models import Max

from . import builder
from .models import (
    Choice,
    MatrixItem,
    Purpose,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireVersion,
    Respondents,
    Section,
)
from .models.questionnaires import CHOICE_KINDS, LIKERT_VALUES, NUMERIC_MAX_SPAN, SCALE_KINDS

SHIPPED_DIR = Path(__file__).with_name("shipped_questionnaires")
SCALES_FILE = "scales.json"
LANGUAGES = ("kk", "ru", "en")
CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
QUESTION_KEYS = {"kind", "text", "objective", "required", "scale", "labels", "choices", "items"}
QUESTION_KEYS |= {"min", "max"}
CREATED, NEW_VERSION, UNCHANGED = "created", "new version", "unchanged"


class ShippedError(Exception):
    """A shipped file breaks the rules below; the message lists every problem."""


def _read(path):
    return json.loads(path.read_text(encoding="utf-8"))


def scales():
    """{scale name: {"1": texts, …, "5": texts}} from ``scales.json``."""
    return _read(SHIPPED_DIR / SCALES_FILE)


def definitions():
    """Every shipped questionnaire, in file-name order."""
    return [_read(path) for path in sorted(SHIPPED_DIR.glob("*.json")) if path.name != SCALES_FILE]


# --- the rules a shipped file follows --------------------------------------------------------


def _text_problems(where, texts, max_length=None):
    if not isinstance(texts, dict) or set(texts) != set(LANGUAGES):
        return [f"{where}: needs exactly the languages {', '.join(LANGUAGES)}"]
    problems = [f"{where}: empty {code} text" for code in LANGUAGES if not str(texts[code]).strip()]
    if max_length:
        problems += [
            f"{where}: {code} text longer than {max_length}"
            for code in LANGUAGES
            if len(texts[code]) > max_length
        ]
    return problems


def _labels_problems(where, labels):
    if not isinstance(labels, dict) or set(labels) != {str(v) for v in LIKERT_VALUES}:
        return [f"{where}: labels for exactly the points 1–5"]
    label_length = Choice._meta.get_field("label_kk").max_length
    return [
        problem
        for point, texts in labels.items()
        for problem in _text_problems(f"{where}, point {point}", texts, label_length)
    ]


def scale_problems(all_scales):
    return [
        problem
        for name, labels in all_scales.items()
        for problem in _labels_problems(f"scale {name}", labels)
    ]


def _served(question):
    """The objectives a question names: one number or a list of them."""
    served = question.get("objective")
    return [served] if isinstance(served, int) else list(served or [])


def _question_problems(where, question, objectives, all_scales):
    problems = [f"{where}: unknown key {key}" for key in sorted(set(question) - QUESTION_KEYS)]
    kind = question.get("kind")
    if kind not in QuestionKind.values:
        return [*problems, f"{where}: unknown kind {kind!r}"]
    problems += _text_problems(where, question.get("text"))
    served = _served(question)
    if kind == QuestionKind.HEADING:
        if served or question.get("required"):
            problems.append(f"{where}: a heading serves no objective and is never required")
    elif not served:
        problems.append(f"{where}: name the objective(s) the question serves")
    problems += [f"{where}: no objective {n}" for n in served if str(n) not in objectives]
    if kind in SCALE_KINDS:
        if "scale" in question and "labels" in question:
            problems.append(f"{where}: give a scale or labels, not both")
        elif "scale" in question and question["scale"] not in all_scales:
            problems.append(f"{where}: unknown scale {question['scale']!r}")
        elif "labels" in question:
            problems += _labels_problems(where, question["labels"])
    elif "scale" in question or "labels" in question:
        problems.append(f"{where}: only a Likert or matrix question has a scale")
    choices = question.get("choices", [])
    if kind in CHOICE_KINDS:
        if len(choices) < 2:
            problems.append(f"{where}: at least two choices")
        length = Choice._meta.get_field("label_kk").max_length
        for n, texts in enumerate(choices, 1):
            problems += _text_problems(f"{where}, choice {n}", texts, length)
    elif choices:
        problems.append(f"{where}: only a choice question has choices")
    items = question.get("items", [])
    if kind == QuestionKind.MATRIX:
        if not items:
            problems.append(f"{where}: a matrix needs lines")
        length = MatrixItem._meta.get_field("text_kk").max_length
        for n, texts in enumerate(items, 1):
            problems += _text_problems(f"{where}, line {n}", texts, length)
    elif items:
        problems.append(f"{where}: only a matrix has lines")
    bounds = (question.get("min"), question.get("max"))
    if kind == QuestionKind.NUMERIC:
        low, high = bounds
        if not (isinstance(low, int) and isinstance(high, int)) or not (
            0 < high - low <= NUMERIC_MAX_SPAN
        ):
            problems.append(f"{where}: min and max 1 to {NUMERIC_MAX_SPAN} apart")
    elif bounds != (None, None):
        problems.append(f"{where}: only a number question has min and max")
    return problems


def problems(definition, all_scales):
    """What is wrong with one shipped questionnaire (empty when nothing is)."""
    code = definition.get("code", "")
    found = [] if CODE.match(code) else [f"code {code!r}: lower-case letters, digits, hyphens"]
    if len(code) > Questionnaire._meta.get_field("code").max_length:
        found.append(f"{code}: code too long")
    if definition.get("purpose") not in Purpose.values:
        found.append(f"{code}: unknown purpose")
    if definition.get("respondents") not in Respondents.values:
        found.append(f"{code}: unknown respondents")
    title_length = Questionnaire._meta.get_field("title_kk").max_length
    found += _text_problems(f"{code} title", definition.get("title"), title_length)
    objectives = definition.get("objectives") or {}
    if not objectives:
        found.append(f"{code}: list the objectives of its seed")
    served = set()
    sections = definition.get("sections") or []
    if not sections:
        found.append(f"{code}: no sections")
    for s, section in enumerate(sections, 1):
        where = f"{code} section {s}"
        found += _text_problems(where, section.get("title"), title_length)
        if not section.get("questions"):
            found.append(f"{where}: no questions")
        for n, question in enumerate(section.get("questions") or [], 1):
            found += _question_problems(f"{where} question {n}", question, objectives, all_scales)
            served |= {str(n) for n in _served(question)}
    found += [f"{code}: no question serves objective {n}" for n in objectives if n not in served]
    return found


def all_problems(shipped, all_scales):
    """Problems of every shipped questionnaire, of the scales, and codes used twice."""
    found = scale_problems(all_scales)
    codes = [definition.get("code") for definition in shipped]
    found += [f"code {code} is used twice" for code in sorted(set(codes)) if codes.count(code) > 1]
    for definition in shipped:
        found += problems(definition, all_scales)
    return found


# --- content as plain data, to compare a version with a file ----------------------------------


def _trio(texts):
    return tuple(texts[code] for code in LANGUAGES)


def _fields(obj, field):
    return tuple(getattr(obj, f"{field}_{code}") for code in LANGUAGES)


def content_of(version):
    """A version's sections, questions, options and lines as plain data."""
    return [
        {
            "title": _fields(section, "title"),
            "per_teacher": section.per_teacher,
            "questions": [
                {
                    "kind": question.kind,
                    "text": _fields(question, "text"),
                    "required": question.required,
                    "bounds": (question.min_value, question.max_value),
                    "choices": [(c.value, _fields(c, "label")) for c in question.choices.all()],
                    "items": [_fields(item, "text") for item in question.items.all()],
                }
                for question in section.questions.all()
            ],
        }
        for section in builder.outline(version)
    ]


def _labels(question, all_scales):
    if "scale" in question:
        return all_scales[question["scale"]]
    return question.get("labels", {})


def _shipped_choices(question, all_scales):
    if question["kind"] in SCALE_KINDS:
        labels = _labels(question, all_scales)
        return [(int(point), _trio(labels[point])) for point in sorted(labels, key=int)]
    return [(n, _trio(texts)) for n, texts in enumerate(question.get("choices", []), 1)]


def shipped_content(definition, all_scales):
    """The shipped file's content in the shape of ``content_of``."""
    return [
        {
            "title": _trio(section["title"]),
            "per_teacher": section.get("per_teacher", False),
            "questions": [
                {
                    "kind": question["kind"],
                    "text": _trio(question["text"]),
                    "required": question.get("required", False),
                    "bounds": (question.get("min"), question.get("max")),
                    "choices": _shipped_choices(question, all_scales),
                    "items": [_trio(texts) for texts in question.get("items", [])],
                }
                for question in section["questions"]
            ],
        }
        for section in definition["sections"]
    ]


# --- loading ---------------------------------------------------------------------------------


def _named(field, texts):
    return {f"{field}_{code}": texts[code] for code in LANGUAGES}


def _fill(version, definition, all_scales):
    for shipped_section in definition["sections"]:
        section = builder.add_section(
            version,
            Section(
                per_teacher=shipped_section.get("per_teacher", False),
                **_named("title", shipped_section["title"]),
            ),
        )
        for shipped in shipped_section["questions"]:
            kind = shipped["kind"]
            question = Question(
                section=section,
                kind=kind,
                required=shipped.get("required", False),
                min_value=shipped.get("min"),
                max_value=shipped.get("max"),
                **_named("text", shipped["text"]),
            )
            builder.save_question(
                question,
                choices=[_named("label", texts) for texts in shipped.get("choices", [])],
                labels={
                    int(point): _named("label", texts)
                    for point, texts in _labels(shipped, all_scales).items()
                },
                items=[_named("text", texts) for texts in shipped.get("items", [])],
            )


@transaction.atomic
def load(definition, all_scales):
    """Load one shipped questionnaire; returns (outcome, the version written or None)."""
    questionnaire, created = Questionnaire.objects.get_or_create(
        code=definition["code"],
        defaults={
            "purpose": definition["purpose"],
            "respondents": definition["respondents"],
            **_named("title", definition["title"]),
        },
    )
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    wanted = shipped_content(definition, all_scales)
    versions = list(questionnaire.versions.all())
    if any(content_of(version) == wanted for version in versions):
        return UNCHANGED, None
    last = questionnaire.versions.aggregate(last=Max("number"))["last"] or 0
    version = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=last + 1)
    _fill(version, definition, all_scales)
    return (CREATED if created else NEW_VERSION), version


def load_all():
    """Check every shipped file, then load them; returns [(code, outcome, version or None)]."""
    shipped, all_scales = definitions(), scales()
    found = all_problems(shipped, all_scales)
    if found:
        raise ShippedError("\n".join(found))
    return [(definition["code"], *load(definition, all_scales)) for definition in shipped]
