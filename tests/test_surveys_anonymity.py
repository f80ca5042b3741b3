"""Anonymity by construction, proven on the tables themselves (``surveys.anonymity``).

After several people answer, every table of the surveys app is read through the database's
own introspection: no answer table has a column that leads to a person, an invitation, a
token or a time; free-text keys are random; and on PostgreSQL the row versions (``xmin``) and
physical places (``ctid``) of the answers say nothing about the order of submissions.
"""

import uuid

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

from governance.models import User
from surveys.models import (
    AnswerCounter,
    AnsweredCounter,
    Invitation,
    LinkMail,
    Receipt,
    Reminder,
    Target,
    TextAnswer,
)
from surveys.submission import submit

from . import factories as f
from . import factories_surveys as fs
from .services import need_postgres

ANSWER_MODELS = (AnswerCounter, AnsweredCounter, TextAnswer)
# Where an answer row may point: what it is about, never who gave it.
ANSWER_MAY_POINT_TO = {
    Target._meta.db_table,
    "surveys_question",
    "surveys_matrixitem",
}
WHO_TABLES = {Invitation._meta.db_table, Receipt._meta.db_table, User._meta.db_table}
TIME_TYPES = ("date", "time")  # DateField, DateTimeField, TimeField, DurationField (interval)


def _columns(table):
    with connection.cursor() as cursor:
        return {
            column.name: column
            for column in connection.introspection.get_table_description(cursor, table)
        }


def _relations(table):
    """{column: referenced table} as the database declares its foreign keys."""
    with connection.cursor() as cursor:
        relations = connection.introspection.get_relations(cursor, table)
    return {column: target_table for column, (_field, target_table) in relations.items()}


def _type(table, column):
    """The column's Django field type, from the database's own description."""
    with connection.cursor() as cursor:
        description = {
            c.name: c for c in connection.introspection.get_table_description(cursor, table)
        }
    return connection.introspection.get_field_type(
        description[column].type_code, description[column]
    )


@pytest.fixture
def answered_campaign(world):
    """A course evaluation of one course answered by six students, one after the other."""
    version, questions = fs.sheet_of_every_kind()
    students = [f.student(programme=world.programme_a) for _ in range(6)]
    for student in students:
        f.EnrolmentFactory(student=student, course=world.course_a, term=world.term)
    campaign = fs.course_evaluation(world, version=version)
    target = campaign.targets.get(course=world.course_a)
    for number, student in enumerate(students, start=1):
        answers = fs.full_answers(
            questions, likert=str(1 + number % 5), numeric=str(number), text=f"Answer {number}"
        )
        submit(Invitation.objects.get(target=target, user=student), answers)
    return target, questions, students


def test_every_table_of_the_app_is_classified(db):
    """A new surveys table must be placed here, so that the checks below cover it."""
    tables = {
        table for table in connection.introspection.table_names() if table.startswith("surveys_")
    }
    models = {model._meta.db_table for model in apps.get_app_config("surveys").get_models()}
    answers = {model._meta.db_table for model in ANSWER_MODELS}
    # Who was e-mailed the link or a reminder (surveys.outreach): people, never answers.
    who = {
        Invitation._meta.db_table,
        Receipt._meta.db_table,
        LinkMail._meta.db_table,
        Reminder._meta.db_table,
    }
    content = {
        "surveys_questionnaire",
        "surveys_questionnaireversion",
        "surveys_section",
        "surveys_question",
        "surveys_choice",
        "surveys_matrixitem",
        "surveys_campaign",
        "surveys_target",
    }
    # Signed by their teacher (seed 000 §4.1.11): not a survey answer, nothing anonymous.
    signed = {"surveys_courseform"}
    assert tables == models == answers | who | content | signed


def test_no_answer_column_leads_to_a_person_an_invitation_a_token_or_a_time(answered_campaign):
    for model in ANSWER_MODELS:
        table = model._meta.db_table
        columns = _columns(table)
        relations = _relations(table)
        assert set(relations.values()) <= ANSWER_MAY_POINT_TO, table
        assert not set(relations.values()) & WHO_TABLES, table
        for name in columns:
            assert not any(word in name for word in ("user", "invitation", "receipt", "token")), (
                table,
                name,
            )
            assert not any(word in name for word in ("email", "time", "date", "created")), (
                table,
                name,
            )
            field_type = _type(table, name)
            assert not any(kind in field_type.lower() for kind in (*TIME_TYPES, "duration")), (
                table,
                name,
                field_type,
            )
    # What a target points to is the course and the evaluated teacher, or the audience group
    # (school, programme) results are broken down by — never a respondent.
    assert _relations(Target._meta.db_table) == {
        "campaign_id": "surveys_campaign",
        "course_id": "governance_course",
        "teacher_id": User._meta.db_table,
        "school_id": "governance_school",
        "programme_id": "governance_educationalprogramme",
    }


def test_the_receipt_says_only_that_an_invitation_was_used(answered_campaign):
    assert set(_columns(Receipt._meta.db_table)) == {"invitation_id"}
    assert _relations(Receipt._meta.db_table) == {"invitation_id": Invitation._meta.db_table}
    invitation_columns = set(_columns(Invitation._meta.db_table))
    assert invitation_columns == {
        "id",
        "target_id",
        "user_id",
        "email",
        "token_hash",
        "token_expires_at",
    }
    target, _questions, students = answered_campaign
    assert Receipt.objects.filter(invitation__target=target).count() == 6
    with pytest.raises(IntegrityError), transaction.atomic():
        Receipt.objects.create(invitation=Invitation.objects.get(target=target, user=students[0]))


def test_text_answers_have_random_keys_and_no_sequence(answered_campaign):
    columns = _columns(TextAnswer._meta.db_table)
    # "review" is the QA office's decision (surveys.review): no reviewer, no time.
    assert set(columns) == {"id", "target_id", "question_id", "text", "review"}
    key_type = _type(TextAnswer._meta.db_table, "id")
    assert key_type in {"UUIDField", "CharField"}  # SQLite keeps a UUID as char(32)
    keys = [uuid.UUID(str(key)) for key in TextAnswer.objects.values_list("id", flat=True)]
    assert len(keys) == 6 and all(key.version == 4 for key in keys)
    assert TextAnswer._meta.pk.get_internal_type() == "UUIDField"  # not an auto-increment


def test_counters_count_and_are_the_same_rows_as_before_anyone_answered(world):
    version, questions = fs.sheet_of_every_kind()
    campaign = fs.course_evaluation(world, version=version)
    target = campaign.targets.get(course=world.course_a)
    before = set(AnswerCounter.objects.filter(target=target).values_list("pk", flat=True))
    submit(Invitation.objects.get(target=target), fs.full_answers(questions))
    after = set(AnswerCounter.objects.filter(target=target).values_list("pk", flat=True))
    assert before == after  # a submission only updates, it never adds a row


def test_text_rows_are_stored_in_key_order_not_in_order_of_answering(answered_campaign):
    """SQLite keeps a hidden rowid in insertion order; PostgreSQL a physical place (ctid)."""
    target, _questions, _students = answered_campaign
    table = TextAnswer._meta.db_table
    position = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE target_id = %s ORDER BY {position}", [target.pk]
        )
        stored = [row[0] for row in cursor.fetchall()]
    by_key = list(TextAnswer.objects.filter(target=target).values_list("id", flat=True))
    assert [str(key).replace("-", "") for key in stored] == [
        str(key).replace("-", "") for key in by_key
    ]


@pytest.mark.postgres
def test_row_versions_give_no_order_of_submissions(world):
    """After every submission all answers of the target carry one and the same ``xmin``, every
    counter and text row has moved (none is singled out by a new place), and the text rows
    lie in the order of their random keys."""
    need_postgres()
    version, questions = fs.sheet_of_every_kind()
    students = [f.student(programme=world.programme_a) for _ in range(4)]
    for student in students:
        f.EnrolmentFactory(student=student, course=world.course_a, term=world.term)
    target = fs.course_evaluation(world, version=version).targets.get(course=world.course_a)
    answer_tables = [model._meta.db_table for model in ANSWER_MODELS]

    def rows(table):
        """{id: (xmin, ctid)} of the target's rows, and the ids in physical order."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, xmin::text, ctid::text FROM {table} WHERE target_id = %s "
                "ORDER BY ctid",
                [target.pk],
            )
            found = cursor.fetchall()
        return {row[0]: row[1:] for row in found}, [row[0] for row in found]

    before = {table: rows(table)[0] for table in answer_tables}
    for number, student in enumerate(students, start=1):
        answers = fs.full_answers(questions, text=f"Answer {number}")
        if number == 3:
            del answers[questions["text"].pk]  # no text: the text rows move all the same
        submit(Invitation.objects.get(target=target, user=student), answers)
        after = {table: rows(table)[0] for table in answer_tables}
        xmins = {xmin for table in answer_tables for xmin, _ctid in after[table].values()}
        assert len(xmins) == 1  # counters and texts all rewritten by the latest submission
        for table in answer_tables:
            unmoved = [
                key
                for key, (_xmin, ctid) in after[table].items()
                if key in before[table] and before[table][key][1] == ctid
            ]
            assert unmoved == [], table
        _places, texts_in_place_order = rows(TextAnswer._meta.db_table)
        assert texts_in_place_order == sorted(texts_in_place_order)
        before = after
