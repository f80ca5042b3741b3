"""Permission rows for the questionnaire builder: only the QA office (seed 000 §2.3) opens it.

A draft version (one question of each kind) can be edited; a locked one (used by a campaign)
shows read-only, and its edit pages send the QA manager back to it with the reason (302).
"""

from django.urls import reverse
from django.utils import timezone

from tests.urlmatrix import everyone

QA_OFFICE = {**everyone(403), "qa_manager": 200}
POST_ONLY = everyone(405, anonymous=405)


def _sheet(world, locked):
    """(version, {kind: question}) of a draft or a locked version, made once per world."""
    key = f"_builder_sheet_{'locked' if locked else 'draft'}"
    found = getattr(world, key, None)
    if found is None:
        from . import factories_surveys as fs

        found = fs.sheet_of_every_kind()
        if locked:
            version = found[0]
            version.locked_at = timezone.now()
            version.save()
        setattr(world, key, found)
    return found


def _version(locked=False):
    return lambda w: _sheet(w, locked)[0].pk


def _section(locked=False):
    return lambda w: _sheet(w, locked)[1]["likert"].section_id


def _question(locked=False):
    return lambda w: _sheet(w, locked)[1]["likert"].pk


def _url(name, pk):
    return lambda w: reverse(f"surveys:{name}", args=[pk(w)])


MATRIX = {
    "surveys:builder_list": (lambda w: reverse("surveys:builder_list"), QA_OFFICE),
    "surveys:builder_create": (lambda w: reverse("surveys:builder_create"), QA_OFFICE),
    "surveys:builder_questionnaire_edit": (
        _url("builder_questionnaire_edit", lambda w: _sheet(w, False)[0].questionnaire_id),
        QA_OFFICE,
    ),
    "surveys:builder_version": (_url("builder_version", _version()), QA_OFFICE),
    "surveys:builder_preview": (_url("builder_preview", _version()), QA_OFFICE),
    "surveys:builder_new_version": (_url("builder_new_version", _version()), POST_ONLY),
    "surveys:builder_section_add": (_url("builder_section_add", _version()), QA_OFFICE),
    "surveys:builder_section_edit": (_url("builder_section_edit", _section()), QA_OFFICE),
    "surveys:builder_section_delete": (_url("builder_section_delete", _section()), QA_OFFICE),
    "surveys:builder_section_move": (_url("builder_section_move", _section()), POST_ONLY),
    "surveys:builder_question_add": (
        lambda w: reverse("surveys:builder_question_add", args=[_section()(w), "single"]),
        QA_OFFICE,
    ),
    "surveys:builder_question_edit": (_url("builder_question_edit", _question()), QA_OFFICE),
    "surveys:builder_question_delete": (_url("builder_question_delete", _question()), QA_OFFICE),
    "surveys:builder_question_move": (_url("builder_question_move", _question()), POST_ONLY),
}

# The QA manager is sent back from a locked version's edit pages; everyone else is refused
# before anything is looked up, so an unknown object is a 404 for the QA manager only.
LOCKED = {**everyone(403), "qa_manager": 302}
UNKNOWN = {**everyone(403), "qa_manager": 404}

OBJECT_CASES = {
    "locked version, read-only": (_url("builder_version", _version(True)), QA_OFFICE),
    "locked version preview": (_url("builder_preview", _version(True)), QA_OFFICE),
    "locked version, new section": (_url("builder_section_add", _version(True)), LOCKED),
    "locked version, section": (_url("builder_section_edit", _section(True)), LOCKED),
    "locked version, question": (_url("builder_question_edit", _question(True)), LOCKED),
    "locked version, delete a question": (
        _url("builder_question_delete", _question(True)),
        LOCKED,
    ),
    "unknown question type": (
        lambda w: reverse("surveys:builder_question_add", args=[_section()(w), "essay"]),
        UNKNOWN,
    ),
    "unknown questionnaire version": (_url("builder_version", lambda w: 999_999), UNKNOWN),
    "unknown question": (_url("builder_question_edit", lambda w: 999_999), UNKNOWN),
}
