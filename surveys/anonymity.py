"""Anonymity by construction: how answers are written so that nobody can tell who gave them.

Seed 000 §4.1.7–§4.1.9 require that nobody may see any respondent's data; issue 4 asks that
nobody — QA manager, rector, superuser — can find out who answered what, from the pages or
from the tables. EvaP (anchor A.4) showed the way; this is our own code for the same ideas.

What is stored, in two groups that share no column:

* **Who** (``surveys.models.participation``): an ``Invitation`` says a person may answer for a
  target; a ``Receipt`` (its primary key is the invitation) says they have. The receipt holds
  nothing else — no answer, no time — and its key makes a second answer fail in the database.
* **What** (``surveys.models.answers``): ``AnswerCounter`` rows count how many chose each
  value (scale points, choices, yes/no, numbers; per item for a matrix) and
  ``AnsweredCounter`` rows how many answered each question; ``TextAnswer`` rows hold free
  text under a random UUID key. No answer row names a user, an invitation, a token or a time,
  and no answer has a sequential id (``tests/test_surveys_anonymity.py`` checks every column).

Counters instead of answer rows mean that a person's answers are never kept together: after
the submission there is no "response" to find, only numbers that went up by one.

Order of submission. Receipts are written in the order people answer, and PostgreSQL marks
every row version with the transaction that wrote it (``xmin``) and keeps it at a physical
place (``ctid``) that follows the order of writing. If the answers of one submission kept
their own ``xmin`` or their own place, joining them with the receipt written in the same
transaction would name the respondent. So every submission, in its one transaction:

1. inserts the receipt (a duplicate fails here and nothing below happens);
2. adds one to the target's respondents, which locks the target, so submissions for one
   target follow one another;
3. rewrites **every** answer counter of the target in one ``UPDATE`` — the chosen ones get
   ``count + 1``, all others get ``count`` again — and likewise every answered counter, as the
   governance secret ballot does with its tallies (``governance.voting.cast_vote``). All
   counters then carry the same ``xmin`` and all move to new places, in the same order
   whatever was chosen; they were all created together when the campaign was scheduled
   (``create_counters``), before anyone answered, so no row appears because of an answer.
   Nothing shows which counters went up last;
4. moves **every** free-text row of the target, old and new, by deleting and re-inserting them
   in the order of their random keys (one statement on PostgreSQL). All text rows then carry
   the same ``xmin`` and sit in key order, which is random: neither row versions nor places
   tell which text came last. This is done on every submission for a sheet with text
   questions, whether or not this respondent wrote any, so the text rows never show who was
   the last to write one.

The receipts themselves keep the order in which people answered (as does any record of who
has answered); since no answer row keeps an order of its own, that order leads to no answer.

The cost: each submission rewrites the counters of its target (a fixed number of rows for a
questionnaire) and its text answers (growing with the respondents of that target); and
submissions for one target wait for each other. Targets are one course and teacher in a course
evaluation, otherwise one group of the audience (a programme and year of study, a school's
staff) or, for people invited by e-mail, the whole campaign.

What this does not protect against: someone who watches the live tables while people answer
(they see counters change as a receipt appears — the same holds for any counting scheme);
a database superuser reading dead row versions (``pageinspect``), the write-ahead log or
statement logs; and results of very small groups, which are shown only when the campaign's
minimum number of respondents is reached (``Campaign.min_respondents``). Answers and receipts
are never written to the audit log (``surveys.apps``), and the admin site does not show them.
"""

from functools import lru_cache

from django.db import connection

from .models import AnswerCounter, AnsweredCounter, QuestionKind, Target, TextAnswer
from .questions import counted_values


def create_counters(target, questions):
    """Every counter a target can need, at zero, created together before anyone answers."""
    counters, answered = [], []
    for question in questions:
        answered.append(AnsweredCounter(target=target, question=question))
        if not question.is_counted:
            continue
        values = counted_values(question)
        items = list(question.items.all()) if question.kind == QuestionKind.MATRIX else [None]
        counters += [
            AnswerCounter(target=target, question=question, item=item, value=value)
            for item in items
            for value in values
        ]
    AnswerCounter.objects.bulk_create(counters, ignore_conflicts=True)
    AnsweredCounter.objects.bulk_create(answered, ignore_conflicts=True)


def _counted(answers):
    """(question id, matrix item id or None, value) for every value chosen."""
    for question, value in answers.items():
        if question.kind == QuestionKind.MATRIX:
            for item_id, point in value.items():
                yield question.pk, item_id, point
        elif question.kind == QuestionKind.MULTIPLE:
            for choice in value:
                yield question.pk, None, choice
        elif question.is_counted:
            yield question.pk, None, value


def table_name(model):
    """The model's table, quoted for plain SQL."""
    return connection.ops.quote_name(model._meta.db_table)


def _load_counter_ids(target_id):
    """{(question id, matrix item id or None, value): counter id} of a target."""
    return {
        (question, item, value): pk
        for pk, question, item, value in AnswerCounter.objects.filter(target=target_id).values_list(
            "pk", "question_id", "item_id", "value"
        )
    }


@lru_cache(maxsize=4096)
def _locked_counter_ids(target_id, locked_at):
    """A target's counters are made before anyone answers and never change once its version is
    locked, so each process reads them once; the lock's time is part of the key, so a target is
    never mistaken for another."""
    return _load_counter_ids(target_id)


def _counter_ids(target):
    locked_at = target.campaign.version.locked_at
    if locked_at is None:
        return _load_counter_ids(target.pk)
    return _locked_counter_ids(target.pk, locked_at)


def _plus_one(cursor, model, target, column, chosen):
    """``count + 1`` on the rows of the target whose ``column`` is in ``chosen``, ``count``
    again on all the others: one UPDATE that rewrites every row of the target."""
    table, column = table_name(model), connection.ops.quote_name(column)
    if chosen:
        marks = ", ".join(["%s"] * len(chosen))
        value = f"count + CASE WHEN {column} IN ({marks}) THEN 1 ELSE 0 END"
    else:
        value = "count"
    cursor.execute(f"UPDATE {table} SET count = {value} WHERE target_id = %s", [*chosen, target.pk])


def record(target, questions, answers):
    """Write one respondent's cleaned answers (``surveys.submission.clean_answers``) to the
    questions of the target's sheet.

    Call inside the transaction that inserted the receipt. The target's row is updated first:
    its lock makes the submissions to one target write their counters one after the other.
    Plain SQL: this runs once per submission, at the semester-end peak
    (``bench/survey_bench.py``).
    """
    ids = _counter_ids(target)
    counters = [ids[key] for key in _counted(answers)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table_name(Target)} SET respondents = respondents + 1 WHERE id = %s",
            [target.pk],
        )
        _plus_one(cursor, AnswerCounter, target, "id", counters)
        _plus_one(cursor, AnsweredCounter, target, "question_id", [q.pk for q in answers])
    texts = [
        TextAnswer(target=target, question=question, text=value)
        for question, value in answers.items()
        if question.kind == QuestionKind.TEXT
    ]
    if any(question.kind == QuestionKind.TEXT for question in questions):
        _rewrite_texts(target, texts)


def _rewrite_texts(target, new_rows):
    """Insert ``new_rows`` and move every text row of the target into random-key order."""
    if connection.vendor == "postgresql":
        TextAnswer.objects.bulk_create(new_rows)
        quote = connection.ops.quote_name
        table = table_name(TextAnswer)
        columns = ", ".join(quote(field.column) for field in TextAnswer._meta.concrete_fields)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH moved AS (DELETE FROM {table} WHERE target_id = %s RETURNING {columns}) "
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM moved ORDER BY id",
                [target.pk],
            )
        return
    rows = sorted([*TextAnswer.objects.filter(target=target), *new_rows], key=lambda row: row.id)
    TextAnswer.objects.filter(target=target).delete()
    TextAnswer.objects.bulk_create(rows)
