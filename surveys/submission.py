"""Answering a survey: the answers checked against each question, then stored in one go.

Issue 4: one submission per person per survey target, enforced by the database — the receipt
(``surveys.models.Receipt``) is keyed by the invitation, and it is written in the same
transaction as the answers, so a refused or failed submission leaves nothing behind. How the
answers are stored without a link to the person: ``surveys.anonymity``.
"""

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .anonymity import record, table_name
from .models import Campaign, CampaignState, QuestionKind, Receipt
from .models.questionnaires import TEXT_MAX_LENGTH
from .questions import answerable_questions, options, sections_for


class SubmissionRefused(Exception):
    """The answers cannot be taken at all; the message says why, for the respondent."""


class AlreadyAnswered(SubmissionRefused):
    def __init__(self):
        super().__init__(_("You have already answered this survey."))


class SurveyClosed(SubmissionRefused):
    def __init__(self):
        super().__init__(_("This survey is not open for answers."))


class LinkExpired(SubmissionRefused):
    def __init__(self):
        super().__init__(_("This link has expired."))


class InvalidAnswers(Exception):
    """Some answers do not fit their questions: ``errors`` maps a question's pk to a message."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def _one_of(question, raw):
    allowed = {value for value, _label in options(question)}
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value not in allowed:
        raise ValueError(_("Choose one of the options."))
    return value


def _number(question, raw):
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(_("Enter a whole number.")) from None
    if not question.min_value <= value <= question.max_value:
        raise ValueError(
            _("Enter a number from %(min)d to %(max)d.")
            % {"min": question.min_value, "max": question.max_value}
        )
    return value


def _several(question, raw):
    allowed = {value for value, _label in options(question)}
    values = set()
    for entry in raw:
        try:
            values.add(int(entry))
        except ValueError:
            values.add(None)
    if not values <= allowed:
        raise ValueError(_("Choose among the options shown."))
    return sorted(values)


def _matrix(question, raw):
    """Answered lines only; every line when the question is required."""
    item_ids = [item.pk for item in question.items.all()]
    lines = {item_id: str(raw.get(item_id, "")).strip() for item_id in item_ids}
    answered = {}
    for item_id, entry in lines.items():
        if entry:
            try:
                answered[item_id] = _one_of(question, entry)
            except ValueError:
                raise ValueError(_("Choose one of the options on each line.")) from None
    if question.required and answered and len(answered) < len(item_ids):
        raise ValueError(_("Please answer every line."))
    return answered


def _text(question, raw):
    text = raw.strip()
    if len(text) > TEXT_MAX_LENGTH:
        raise ValueError(
            _("Shorten your answer to %(max)d characters or fewer.") % {"max": TEXT_MAX_LENGTH}
        )
    return text


def _clean_one(question, raw):
    """The answer to one question, or None when it was left out."""
    kind = question.kind
    if kind == QuestionKind.MULTIPLE:
        raw = [str(entry).strip() for entry in (raw or []) if str(entry).strip()]
        return _several(question, raw) if raw else None
    if kind == QuestionKind.MATRIX:
        return _matrix(question, raw or {}) or None
    raw = str(raw if raw is not None else "").strip()
    if not raw:
        return None
    if kind == QuestionKind.NUMERIC:
        return _number(question, raw)
    if kind == QuestionKind.TEXT:
        return _text(question, raw)
    return _one_of(question, raw)


def clean_answers(questions, raw_answers):
    """Check the raw answers against the questions; return {question: value} of those given.

    ``raw_answers`` maps a question's pk to a string, to a list of strings (multiple choice) or
    to {matrix item pk: string} (matrix). Raises ``InvalidAnswers`` with one message per
    question that is missing (when required) or does not fit.
    """
    answers, errors = {}, {}
    for question in questions:
        if not question.is_answerable:
            continue
        try:
            value = _clean_one(question, raw_answers.get(question.pk))
        except ValueError as exc:
            errors[question.pk] = str(exc)
            continue
        if value is None:
            if question.required:
                errors[question.pk] = _("Please answer this question.")
            continue
        answers[question] = value
    if errors:
        raise InvalidAnswers(errors)
    return answers


def submit(invitation, raw_answers, now=None):
    """Take one person's answers for the invitation's target, once.

    Raises ``InvalidAnswers`` (nothing stored, the person corrects the answers) or a
    ``SubmissionRefused``: the survey is not open, the link has expired, or the person has
    already answered — in which case the database refused the second receipt and the whole
    transaction, answers included, was rolled back.
    """
    now = now or timezone.now()
    if invitation.token_expires_at is not None and invitation.token_expires_at <= now:
        raise LinkExpired
    questions = answerable_questions(sections_for(invitation.target))
    answers = clean_answers(questions, raw_answers)
    campaign = invitation.target.campaign
    with transaction.atomic():
        with connection.cursor() as cursor:
            if not _still_open(cursor, campaign, now):
                raise SurveyClosed
            try:
                # No savepoint: a refused receipt ends the whole transaction, answers unwritten.
                cursor.execute(
                    f"INSERT INTO {table_name(Receipt)} (invitation_id) VALUES (%s)",
                    [invitation.pk],
                )
            except IntegrityError as exc:
                raise AlreadyAnswered from exc
        record(invitation.target, questions, answers)


def _still_open(cursor, campaign, now):
    """Whether the campaign takes answers (``Campaign.accepts_answers``: open, and ``now``
    inside its window), read again under a shared lock on its row: closing it
    (``surveys.lifecycle.close_campaign``, which locks the row for update) waits for the
    submissions under way, and a submission that comes after it sees it closed."""
    # SQLite (the embedded default) has no row locks; its writes are serialised anyway.
    lock = " FOR SHARE" if connection.features.has_select_for_update else ""
    at = connection.ops.adapt_datetimefield_value(now)
    cursor.execute(
        f"SELECT state = %s AND opens_at <= %s AND closes_at > %s "
        f"FROM {table_name(Campaign)} WHERE id = %s{lock}",
        [CampaignState.OPEN, at, at, campaign.pk],
    )
    return bool(cursor.fetchone()[0])
