"""The questionnaire builder: only the QA office edits; a locked version refuses every edit and
nothing changes; a new version copies everything; sections and questions reorder; the preview
shows the version as respondents see it, in kk/ru/en."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from qa_portal.navigation import menu_for
from surveys import builder
from surveys.models import (
    Choice,
    MatrixItem,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    Section,
)
from surveys.models.questionnaires import VersionLocked
from surveys.shipped import content_of

from . import factories_surveys as fs

LOCKED_MESSAGE = "This version is used by a campaign and cannot change; make a new version."


@pytest.fixture(autouse=True)
def english():
    """URLs are built under /en/ and messages compared in English."""
    with translation.override("en"):
        yield


def url(name, *args):
    return reverse(f"surveys:{name}", args=args)


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.fixture
def qa(client, world):
    client.force_login(world.users["qa_manager"])
    return client


@pytest.fixture
def sheet(db):
    """A draft version with one question of each kind: (version, {kind: question})."""
    return fs.sheet_of_every_kind()


def lock(version):
    version.locked_at = timezone.now()
    version.save()
    return version


def formset_data(prefix, rows, initial=0):
    """POST data of a formset: ``rows`` are dicts of field values."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"{prefix}-{n}-{key}": value for key, value in row.items()})
    return data


def texts(field, en, kk=None, ru=None):
    return {f"{field}_kk": kk or f"{en} (kk)", f"{field}_ru": ru or f"{en} (ru)", f"{field}_en": en}


def no_labels():
    return formset_data("label", [{}] * 5, initial=5)


# --- who builds ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["student", "teacher", "dean", "chair", "secretary", "rector"])
def test_only_the_qa_office_edits(client, world, sheet, role):
    version, questions = sheet
    section = questions["likert"].section
    before = content_of(version)
    client.force_login(world.users[role])
    posts = [
        (url("builder_create"), {"code": "x", "title_kk": "X", "purpose": "other"}),
        (url("builder_section_add", version.pk), texts("title", "New")),
        (url("builder_section_edit", section.pk), texts("title", "Renamed")),
        (url("builder_section_delete", section.pk), {}),
        (url("builder_section_move", section.pk), {"direction": "down"}),
        (url("builder_question_edit", questions["likert"].pk), texts("text", "Changed")),
        (url("builder_question_delete", questions["likert"].pk), {}),
        (url("builder_question_move", questions["likert"].pk), {"direction": "down"}),
        (url("builder_new_version", version.pk), {}),
    ]
    for address, data in posts:
        assert client.post(address, data).status_code == 403, address
    assert content_of(version) == before
    assert QuestionnaireVersion.objects.count() == 1
    assert not Questionnaire.objects.filter(code="x").exists()


def test_the_menu_shows_questionnaires_to_the_qa_office_only(world):
    builder_url = url("builder_list")
    for role, user in world.users.items():
        if user is None:
            continue
        urls = [address for _label, address in menu_for(user)]
        assert (builder_url in urls) == (role == "qa_manager"), role


# --- questionnaires and versions -------------------------------------------------------------


def test_create_a_questionnaire_with_its_first_version(qa):
    response = qa.post(
        url("builder_create"),
        {
            "code": "library-survey",
            "title_kk": "Кітапхана сауалнамасы",
            "title_ru": "Опрос о библиотеке",
            "title_en": "Library survey",
            "purpose": "other",
            "respondents": "students",
        },
        follow=True,
    )
    questionnaire = Questionnaire.objects.get(code="library-survey")
    version = questionnaire.versions.get()
    assert version.number == 1 and not version.is_locked
    assert response.redirect_chain[-1][0] == url("builder_version", version.pk)
    assert "Library survey, version 1" in response.content.decode()


def test_the_code_cannot_change_afterwards(qa, sheet):
    questionnaire = sheet[0].questionnaire
    code = questionnaire.code
    qa.post(
        url("builder_questionnaire_edit", questionnaire.pk),
        {
            "code": "renamed",
            "title_kk": "Жаңа атау",
            "title_en": "New title",
            "purpose": "alumni",
            "respondents": "alumni",
        },
    )
    questionnaire.refresh_from_db()
    assert questionnaire.code == code
    assert (questionnaire.title_en, questionnaire.purpose) == ("New title", "alumni")


def used_by_a_campaign(version):
    """A campaign on ``version``; scheduling it would lock the version (surveys.lifecycle)."""
    fs.CampaignFactory(version=version)
    return lock(version)


def test_the_list_shows_which_version_is_locked_and_how_many_campaigns_used_it(qa, sheet):
    version = used_by_a_campaign(sheet[0])
    copy = builder_new_version_via_page(qa, version)
    page = qa.get(url("builder_list")).content.decode()
    assert "locked on" in page and "used by 1 campaign" in page
    assert url("builder_version", copy.pk) in page
    assert "draft, open to editing" in page


def builder_new_version_via_page(client, version):
    response = client.post(url("builder_new_version", version.pk))
    copy = QuestionnaireVersion.objects.get(questionnaire=version.questionnaire, number=2)
    assert response["Location"] == url("builder_version", copy.pk)
    return copy


def test_a_new_version_copies_everything_and_can_be_edited(qa):
    version, questions = fs.sheet_of_every_kind()
    label = {"label_kk": "Өте жақсы", "label_ru": "Отлично", "label_en": "Excellent"}
    Choice.objects.create(question=questions["likert"], value=5, **label)
    used_by_a_campaign(version)

    copy = builder_new_version_via_page(qa, version)

    assert not copy.is_locked
    assert content_of(copy) == content_of(version)
    assert Section.objects.filter(version=copy, per_teacher=True).count() == 1
    assert Choice.objects.filter(question__section__version=copy).count() == 7
    assert MatrixItem.objects.filter(question__section__version=copy).count() == 2
    copied = Question.objects.get(section__version=copy, kind="numeric")
    assert (copied.min_value, copied.max_value) == (0, 40)
    # The copy takes edits; the original keeps the wording its respondents saw.
    qa.post(
        url("builder_question_edit", copied.pk),
        {"kind": "numeric", **texts("text", "Hours a week"), "min_value": 0, "max_value": 60},
    )
    copied.refresh_from_db()
    assert copied.max_value == 60
    assert Question.objects.get(pk=questions["numeric"].pk).max_value == 40


# --- a locked version ------------------------------------------------------------------------


def test_a_locked_version_refuses_every_edit_and_nothing_changes(qa, sheet):
    version, questions = sheet
    lock(version)
    section = questions["likert"].section
    before = content_of(version)
    posts = [
        (url("builder_section_add", version.pk), texts("title", "New")),
        (url("builder_section_edit", section.pk), texts("title", "Renamed")),
        (url("builder_section_delete", section.pk), {}),
        (url("builder_section_move", section.pk), {"direction": "down"}),
        (url("builder_question_add", section.pk, "text"), texts("text", "New")),
        (
            url("builder_question_edit", questions["likert"].pk),
            {"kind": "likert", **texts("text", "Changed"), **no_labels()},
        ),
        (url("builder_question_delete", questions["likert"].pk), {}),
        (url("builder_question_move", questions["likert"].pk), {"direction": "down"}),
    ]
    for address, data in posts:
        response = qa.post(address, data, follow=True)
        assert response.redirect_chain[-1][0] == url("builder_version", version.pk), address
        assert LOCKED_MESSAGE in messages_of(response), address
    assert content_of(version) == before


def test_a_locked_version_page_is_read_only_and_offers_a_new_version(qa, sheet):
    version, questions = sheet
    lock(version)
    page = qa.get(url("builder_version", version.pk)).content.decode()
    assert LOCKED_MESSAGE in page
    assert url("builder_new_version", version.pk) in page
    assert url("builder_question_edit", questions["likert"].pk) not in page
    assert url("builder_section_add", version.pk) not in page


def test_an_edit_is_refused_when_a_campaign_locks_the_version_meanwhile(sheet):
    """The page was opened on a draft; scheduling locked it before the save arrived."""
    version, questions = sheet
    question = Question.objects.select_related("section__version").get(pk=questions["text"].pk)
    lock(version)
    question.text_en = "Changed"
    with pytest.raises(VersionLocked):
        builder.save_question(question)
    with pytest.raises(VersionLocked):
        builder.move_question(question, builder.DOWN)
    assert Question.objects.get(pk=question.pk).text_en == "Comments"


# --- sections --------------------------------------------------------------------------------


def test_add_edit_and_delete_a_section(qa, sheet):
    version, _questions = sheet
    qa.post(
        url("builder_section_add", version.pk), {**texts("title", "Support"), "per_teacher": ""}
    )
    added = Section.objects.get(version=version, title_en="Support")
    assert added.position == 3 and added.title_ru == "Support (ru)"

    qa.post(url("builder_section_edit", added.pk), {**texts("title", "Help"), "per_teacher": "on"})
    added.refresh_from_db()
    assert (added.title_en, added.per_teacher) == ("Help", True)

    first = Section.objects.get(version=version, position=1)
    page = qa.get(url("builder_section_delete", first.pk)).content.decode()
    assert "Its 7 questions are deleted with it." in page
    qa.post(url("builder_section_delete", first.pk))
    positions = list(Section.objects.filter(version=version).values_list("title_en", "position"))
    assert sorted(positions, key=lambda row: row[1]) == [("The teacher", 1), ("Help", 2)]
    assert not Question.objects.filter(section_id=first.pk).exists()


def test_sections_move_up_and_down(qa, sheet):
    version, _questions = sheet
    qa.post(url("builder_section_add", version.pk), texts("title", "Third"))

    def order():
        return list(version.sections.order_by("position").values_list("title_en", flat=True))

    third = Section.objects.get(version=version, title_en="Third")
    qa.post(url("builder_section_move", third.pk), {"direction": "up"})
    assert order() == ["The course", "Third", "The teacher"]
    first = Section.objects.get(version=version, position=1)
    response = qa.post(url("builder_section_move", first.pk), {"direction": "up"})
    assert response.status_code == 302
    assert order() == ["The course", "Third", "The teacher"]
    qa.post(url("builder_section_move", first.pk), {"direction": "down"})
    assert order() == ["Third", "The course", "The teacher"]


# --- questions -------------------------------------------------------------------------------


def test_add_a_question_of_every_kind_with_its_options(qa, sheet):
    _version, questions = sheet
    section = questions["likert"].section

    def post(kind, data, text=None):
        address = url("builder_question_add", section.pk, kind)
        return qa.post(address, {**texts("text", text or f"A {kind} question"), **data})

    post("heading", {})
    post("likert", {"required": "on", **no_labels()})
    labels = [{}, {}, {}, {}, texts("label", "Always")]
    post("likert", formset_data("label", labels, initial=5), text="A labelled scale")
    options = [texts("label", "Yes, often"), texts("label", "Sometimes"), {}]
    post("single", formset_data("choice", options))
    post("multiple", formset_data("choice", options))
    post("yes_no", {})
    post("numeric", {"min_value": 1, "max_value": 6})
    post("text", {})
    lines = [texts("text", "Punctual"), texts("text", "Fair"), {}]
    post("matrix", {**no_labels(), **formset_data("item", lines)})

    added = {
        q.text_en: q
        for q in Question.objects.filter(section=section, position__gt=7).prefetch_related(
            "choices", "items"
        )
    }
    assert len(added) == 9
    likert = added["A likert question"]
    assert likert.required and not likert.choices.exists()
    labelled = added["A labelled scale"]
    assert list(labelled.choices.values_list("value", "label_en")) == [(5, "Always")]
    assert list(added["A single question"].choices.values_list("value", "label_en")) == [
        (1, "Yes, often"),
        (2, "Sometimes"),
    ]
    assert added["A multiple question"].choices.count() == 2
    numeric = added["A numeric question"]
    assert (numeric.min_value, numeric.max_value) == (1, 6)
    matrix = added["A matrix question"]
    assert list(matrix.items.values_list("position", "text_en")) == [(1, "Punctual"), (2, "Fair")]
    assert not added["A heading question"].required
    positions = list(
        Question.objects.filter(section=section)
        .order_by("position")
        .values_list("position", flat=True)
    )
    assert positions == list(range(1, 17))


def test_a_question_is_refused_with_reasons_and_nothing_is_saved(qa, sheet):
    _version, questions = sheet
    section = questions["likert"].section
    count = Question.objects.count()
    one_option = formset_data("choice", [texts("label", "Only")])
    response = qa.post(
        url("builder_question_add", section.pk, "single"), {**texts("text", "Q"), **one_option}
    )
    assert "Give at least two options." in response.content.decode()
    response = qa.post(
        url("builder_question_add", section.pk, "numeric"),
        {**texts("text", "Q"), "min_value": 0, "max_value": 500},
    )
    assert "The largest number must exceed the smallest by 1 to 100." in response.content.decode()
    no_kazakh = {"text_kk": "", "text_ru": "", "text_en": "English only"}
    assert qa.post(url("builder_question_add", section.pk, "text"), no_kazakh).status_code == 200
    assert Question.objects.count() == count


def test_options_reorder_and_delete_on_the_edit_page(qa, sheet):
    _version, questions = sheet
    single = questions["single"]
    labels = list(single.choices.order_by("value").values_list("label_en", flat=True))
    assert labels == ["Offline", "Online", "Blended"]
    rows = [
        {**texts("label", "Offline"), "ORDER": "3"},
        {**texts("label", "Online"), "ORDER": "1", "DELETE": "on"},
        {**texts("label", "Blended"), "ORDER": "2"},
        {**texts("label", "Hybrid"), "ORDER": "4"},
    ]
    qa.post(
        url("builder_question_edit", single.pk),
        {"kind": "single", **texts("text", "Format"), **formset_data("choice", rows, initial=3)},
    )
    assert list(single.choices.order_by("value").values_list("value", "label_en")) == [
        (1, "Blended"),
        (2, "Offline"),
        (3, "Hybrid"),
    ]


def test_changing_the_type_drops_options_that_no_longer_fit(qa, sheet):
    _version, questions = sheet
    single = questions["single"]
    response = qa.post(
        url("builder_question_edit", single.pk),
        {"kind": "multiple", **texts("text", "Formats"), **formset_data("choice", [])},
        follow=True,
    )
    assert "The type is changed. Check the options below." in messages_of(response)
    single.refresh_from_db()
    assert single.kind == "multiple" and single.choices.count() == 3  # same family: kept

    qa.post(url("builder_question_edit", single.pk), {"kind": "likert", **texts("text", "Rate")})
    single.refresh_from_db()
    assert single.kind == "likert" and not single.choices.exists()

    matrix = questions["matrix"]
    qa.post(url("builder_question_edit", matrix.pk), {"kind": "text", **texts("text", "Say")})
    assert not matrix.items.exists()


def test_delete_a_question_renumbers_the_rest(qa, sheet):
    _version, questions = sheet
    qa.post(url("builder_question_delete", questions["likert"].pk))
    section = questions["heading"].section
    kinds = list(section.questions.order_by("position").values_list("position", "kind"))
    assert kinds == [
        (1, "heading"),
        (2, "single"),
        (3, "multiple"),
        (4, "yes_no"),
        (5, "numeric"),
        (6, "text"),
    ]


def test_questions_move_within_and_across_sections(qa, sheet):
    _version, questions = sheet
    course, teacher = questions["likert"].section, questions["matrix"].section

    def layout(section):
        return list(section.questions.order_by("position").values_list("kind", flat=True))

    qa.post(url("builder_question_move", questions["likert"].pk), {"direction": "up"})
    assert layout(course)[:2] == ["likert", "heading"]
    # The last question of the first section goes down: to the top of the next one.
    qa.post(url("builder_question_move", questions["text"].pk), {"direction": "down"})
    assert layout(teacher) == ["text", "matrix"]
    assert layout(course)[-1] == "numeric"
    # The first question of the second section goes up: to the end of the one before.
    qa.post(url("builder_question_move", questions["text"].pk), {"direction": "up"})
    assert layout(course)[-1] == "text" and layout(teacher) == ["matrix"]
    positions = list(course.questions.order_by("position").values_list("position", flat=True))
    assert positions == list(range(1, 8))


def test_htmx_gets_the_outline_back(qa, sheet):
    _version, questions = sheet
    response = qa.post(
        url("builder_question_move", questions["yes_no"].pk),
        {"direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.startswith('<div id="outline"')
    assert page.index("Would recommend") < page.index("Useful materials")


def test_htmx_on_a_locked_version_is_sent_to_the_version_page(qa, sheet):
    version, questions = sheet
    lock(version)
    response = qa.post(
        url("builder_question_move", questions["yes_no"].pk),
        {"direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Redirect"] == url("builder_version", version.pk)


def test_an_unknown_direction_is_refused(qa, sheet):
    version, questions = sheet
    before = content_of(version)
    response = qa.post(
        url("builder_section_move", questions["likert"].section_id),
        {"direction": "sideways"},
        follow=True,
    )
    assert "Unknown direction." in messages_of(response)
    assert content_of(version) == before


# --- what the office sees ---------------------------------------------------------------------


def test_the_version_page_lists_texts_without_a_translation(qa, sheet):
    version, _questions = sheet
    page = qa.get(url("builder_version", version.pk)).content.decode()
    # The factories write Kazakh and English only.
    assert "Question 1.2: Russian" in page
    assert "Question 2.1, line 1: Russian" in page
    assert "Section 1: Russian" in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("kk", ["Сұрақтар", "Мүлдем келіспеймін", "Бөлім"]),
        ("ru", ["Вопросы", "Полностью не согласен", "Раздел"]),
        ("en", ["Questions marked", "Strongly disagree", "Section"]),
    ],
)
def test_the_preview_shows_the_version_as_respondents_see_it(qa, language, expected):
    version = fs.VersionFactory()
    section = fs.SectionFactory(
        version=version, position=1, title_kk="Бөлім", title_ru="Раздел", title_en="Section"
    )
    fs.QuestionFactory(
        section=section,
        kind="likert",
        required=True,
        text_kk="Сұрақтар түсінікті",
        text_ru="Вопросы понятны",
        text_en="Questions are clear",
    )
    with translation.override(language):
        address = url("builder_preview", version.pk)
    page = qa.get(address).content.decode()
    for text in expected:
        assert text in page, (language, text)
    assert 'type="radio"' in page
    assert "<form" not in page.split('<main id="main">')[1]


def test_the_preview_shows_every_kind_and_marks_the_per_teacher_section(qa, sheet):
    version, questions = sheet
    page = qa.get(url("builder_preview", version.pk)).content.decode()
    for kind, question in questions.items():
        assert question.text_en in page, kind
    assert "This section is answered about each teacher of the course" in page
    assert 'type="checkbox"' in page and 'type="number"' in page and "<textarea" in page
