"""The shipped questionnaires: complete in kk/ru/en, built on the seeds' objectives, and a loader
that can run any number of times without changing a used version or the office's drafts."""

import copy
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from surveys import builder, shipped
from surveys.models import Purpose, Question, Questionnaire, QuestionnaireVersion, Section

from . import factories_surveys as fs

KAZAKH_LETTERS = re.compile("[әғқңөұүһі]", re.IGNORECASE)
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
LATIN = re.compile("[a-z]", re.IGNORECASE)

DEFINITIONS = shipped.definitions()
SCALES = shipped.scales()
BY_CODE = {definition["code"]: definition for definition in DEFINITIONS}

# Seed 000 §4.1.7–§4.1.13 and seed 001 §5.5.21: how many objectives each source states.
OBJECTIVE_COUNTS = {
    "student-satisfaction": 12,
    "faculty-satisfaction": 9,
    "doctoral-students": 9,
    "course-evaluation": 8,
    "alumni": 3,
    "employers": 5,
    "teacher-by-students": 8,
}


def every_text(definition):
    """(where, {"kk": …, "ru": …, "en": …}) for each text a respondent reads."""
    code = definition["code"]
    yield code, definition["title"]
    for s, section in enumerate(definition["sections"], 1):
        yield f"{code} §{s}", section["title"]
        for n, question in enumerate(section["questions"], 1):
            where = f"{code} §{s} q{n}"
            yield where, question["text"]
            for key in ("choices", "items"):
                for m, texts in enumerate(question.get(key, []), 1):
                    yield f"{where} {key} {m}", texts
            for point, texts in question.get("labels", {}).items():
                yield f"{where} point {point}", texts


def scale_questions():
    for definition in DEFINITIONS:
        for section in definition["sections"]:
            for question in section["questions"]:
                if question["kind"] in ("likert", "matrix"):
                    yield definition["code"], question


# --- content ---------------------------------------------------------------------------------


def test_the_seven_questionnaires_of_the_issue_are_shipped():
    assert set(BY_CODE) == set(OBJECTIVE_COUNTS)
    purposes = {definition["purpose"] for definition in DEFINITIONS}
    assert purposes == set(Purpose.values) - {Purpose.OTHER}


def test_codes_are_unique_and_name_their_files():
    files = sorted(path.stem for path in shipped.SHIPPED_DIR.glob("*.json"))
    assert files == sorted([*BY_CODE, "scales"])
    assert len(BY_CODE) == len(DEFINITIONS)


@pytest.mark.parametrize("code", sorted(OBJECTIVE_COUNTS))
def test_every_text_is_in_kazakh_russian_and_english(code):
    for where, texts in every_text(BY_CODE[code]):
        assert set(texts) == {"kk", "ru", "en"}, where
        assert KAZAKH_LETTERS.search(texts["kk"]) or CYRILLIC.search(texts["kk"]), where
        assert CYRILLIC.search(texts["ru"]) and not KAZAKH_LETTERS.search(texts["ru"]), where
        assert LATIN.search(texts["en"]) and not CYRILLIC.search(texts["en"]), where
        assert texts["kk"] != texts["ru"] or len(texts["kk"]) < 25, where


def test_scale_labels_are_complete():
    for name, labels in SCALES.items():
        assert sorted(labels, key=int) == ["1", "2", "3", "4", "5"], name
        for point, texts in labels.items():
            assert all(texts[code].strip() for code in ("kk", "ru", "en")), (name, point)
    for code, question in scale_questions():
        # Either a named scale or the standard agreement labels (translated by the portal).
        assert "labels" not in question, code
        assert question.get("scale", "agreement") in {*SCALES, "agreement"}, code


@pytest.mark.parametrize(("code", "count"), sorted(OBJECTIVE_COUNTS.items()))
def test_questions_serve_every_objective_of_the_seed(code, count):
    definition = BY_CODE[code]
    assert len(definition["objectives"]) == count
    served = set()
    for section in definition["sections"]:
        for question in section["questions"]:
            objective = question.get("objective", [])
            served |= {str(n) for n in ([objective] if isinstance(objective, int) else objective)}
    assert served == set(definition["objectives"])


def test_course_evaluations_have_a_part_about_each_teacher():
    for code in ("course-evaluation", "teacher-by-students"):
        sections = BY_CODE[code]["sections"]
        assert any(section.get("per_teacher") for section in sections), code
        assert not all(section.get("per_teacher") for section in sections), code


def test_the_shipped_files_pass_the_loaders_checks():
    assert shipped.all_problems(DEFINITIONS, SCALES) == []


def test_the_checks_name_what_is_wrong():
    broken = copy.deepcopy(BY_CODE["alumni"])
    question = broken["sections"][1]["questions"][0]
    question["text"]["ru"] = ""
    question["scale"] = "colours"
    broken["sections"][0]["questions"][1]["choices"] = broken["sections"][0]["questions"][1][
        "choices"
    ][:1]
    del broken["objectives"]["2"]
    found = shipped.all_problems([broken, BY_CODE["alumni"]], SCALES)
    assert "code alumni is used twice" in found
    assert "alumni section 2 question 1: empty ru text" in found
    assert "alumni section 2 question 1: unknown scale 'colours'" in found
    assert "alumni section 1 question 2: at least two choices" in found
    assert "alumni section 3 question 1: no objective 2" in found


# --- loading ---------------------------------------------------------------------------------


def question_count():
    return Question.objects.count()


def test_loading_twice_writes_once(db):
    first = shipped.load_all()
    assert {code: outcome for code, outcome, _v in first} == dict.fromkeys(BY_CODE, shipped.CREATED)
    counts = (Questionnaire.objects.count(), QuestionnaireVersion.objects.count(), question_count())
    second = shipped.load_all()
    assert {outcome for _code, outcome, _v in second} == {shipped.UNCHANGED}
    assert counts == (
        Questionnaire.objects.count(),
        QuestionnaireVersion.objects.count(),
        question_count(),
    )
    assert counts[:2] == (7, 7)


def test_loaded_versions_hold_exactly_the_shipped_content(db):
    for code, _outcome, version in shipped.load_all():
        assert shipped.content_of(version) == shipped.shipped_content(BY_CODE[code], SCALES)
        questionnaire = version.questionnaire
        assert questionnaire.purpose == BY_CODE[code]["purpose"]
        assert questionnaire.title_ru == BY_CODE[code]["title"]["ru"]
    per_teacher = Section.objects.get(
        version__questionnaire__code="course-evaluation", per_teacher=True
    )
    assert per_teacher.title_en == "The teacher"


def test_a_locked_version_is_never_changed_changed_content_makes_a_new_version(db):
    definition = copy.deepcopy(BY_CODE["employers"])
    _outcome, first = shipped.load(definition, SCALES)
    first.locked_at = timezone.now()
    first.save()
    before = shipped.content_of(first)

    definition["sections"][1]["questions"][0]["text"]["en"] = "How do you rate our graduates?"
    outcome, second = shipped.load(definition, SCALES)

    assert (outcome, second.number) == (shipped.NEW_VERSION, 2)
    assert shipped.content_of(first) == before
    assert shipped.content_of(second) == shipped.shipped_content(definition, SCALES)
    assert shipped.load(definition, SCALES) == (shipped.UNCHANGED, None)


def test_a_draft_the_office_is_editing_is_left_alone(db):
    definition = BY_CODE["alumni"]
    _outcome, version = shipped.load(definition, SCALES)
    question = Question.objects.select_related("section__version").get(
        section__version=version, kind="text"
    )
    question.text_en = "Our own wording"
    builder.save_question(question)
    edited = shipped.content_of(version)

    # Its first version no longer holds the shipped content; it keeps the edit.
    outcome, copy_ = shipped.load(definition, SCALES)
    assert (outcome, copy_.number) == (shipped.NEW_VERSION, 2)
    assert shipped.content_of(version) == edited
    assert shipped.load(definition, SCALES) == (shipped.UNCHANGED, None)


def test_the_office_keeps_its_titles(db):
    shipped.load(BY_CODE["alumni"], SCALES)
    Questionnaire.objects.filter(code="alumni").update(title_en="Graduates")
    shipped.load(BY_CODE["alumni"], SCALES)
    assert Questionnaire.objects.get(code="alumni").title_en == "Graduates"


def test_the_command_reports_what_it_did(db):
    out = io.StringIO()
    call_command("load_questionnaires", stdout=out)
    assert "course-evaluation: created (version 1)" in out.getvalue()
    out = io.StringIO()
    call_command("load_questionnaires", stdout=out)
    assert out.getvalue().count("unchanged") == 7


def test_shipped_questionnaires_can_be_put_to_a_campaign(db):
    """Nothing a campaign needs is missing (options, matrix lines, number bounds)."""
    for _code, _outcome, version in shipped.load_all():
        campaign = fs.CampaignFactory(version=version)
        assert campaign.schedule_problems() == []


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_each_shipped_questionnaire_previews_in_each_language(client, world, language):
    client.force_login(world.users["qa_manager"])
    for code, _outcome, version in shipped.load_all():
        with translation.override(language):
            page = client.get(reverse("surveys:builder_preview", args=[version.pk]))
        text = page.content.decode()
        assert page.status_code == 200
        assert BY_CODE[code]["title"][language] in text
        first = BY_CODE[code]["sections"][0]["questions"][1]["text"][language]
        assert first.replace("'", "&#x27;") in text, code
