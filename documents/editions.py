"""The life of an edition: review, approval, publication, withdrawal (seed 000 §3, seed 004).

Each step is a plain function that locks the rows it changes, checks the rule and raises
:class:`EditionRuleError` with a sentence the person can read when the step is not allowed.
"""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.actions import is_annulled, raise_action
from governance.models import User
from governance.models.decisions import ActionSource
from governance.roles import Role

from . import access
from .models import Edition, EditionStatus
from .text import pdf_text

logger = logging.getLogger(__name__)

# The QA office reviews the alignment of internal documents within this many days of a new
# edition of an external document they follow (seed 000 §3.2).
ALIGNMENT_DAYS = 30


class EditionRuleError(ValidationError):
    """A rule of the edition's life was broken; the message says which, in words."""


def _require_manager(by, document):
    if not access.can_manage(by, document):
        raise PermissionDenied(_("You do not keep this document."))


def _locked(edition):
    return Edition.objects.select_for_update().select_related("document").get(pk=edition.pk)


def _expect(edition, *statuses):
    if edition.status not in statuses:
        raise EditionRuleError(
            _("This step is not possible for an edition that is “%(status)s”.")
            % {"status": EditionStatus(edition.status).label},
            code="status",
        )


def _set_status(edition, status, **fields):
    for name, value in fields.items():
        setattr(edition, name, value)
    edition.status = status
    edition.save()


# Seed 000 §3: an approved edition is the text the body's decision approved; only drafts and
# editions still in review are edited (a change after approval is a new edition).
EDITABLE_STATUSES = (EditionStatus.DRAFT, EditionStatus.IN_REVIEW)


def check_draft(edition):
    """Raise :class:`EditionRuleError` unless the edition is a draft or still in review."""
    if edition.status not in EDITABLE_STATUSES:
        raise EditionRuleError(
            _(
                "This edition is %(status)s; only a draft or an edition in review can be "
                "edited. Register a new edition instead."
            )
            % {"status": EditionStatus(edition.status).label.lower()},
            code="not_draft",
        )


@transaction.atomic
def save_draft(edition, by, fields):
    """Save the changed ``fields`` of a draft or an edition in review, checked again under a
    lock so a step taken meanwhile (approval, publication) is not undone."""
    stored = _locked(edition)
    _require_manager(by, stored.document)
    check_draft(stored)
    # The model fills an empty next review date from the effective date.
    edition.save(update_fields=[*fields, "next_review_date"])
    return edition


def decisions_for(document):
    """The decisions that may approve the document: those of its approving or owner body."""
    from governance.models import Decision

    bodies = [pk for pk in (document.approving_body_id, document.owner_body_id) if pk]
    return Decision.objects.filter(body__in=bodies)


@transaction.atomic
def submit_for_review(edition, by):
    """A draft of an internal document goes to its approving body for review (seed 000 §3:
    internal documents are developed and then approved by the council or committee)."""
    current = _locked(edition)
    _require_manager(by, current.document)
    if not current.document.is_internal:
        raise EditionRuleError(
            _("External documents are registered, not reviewed and approved."), code="external"
        )
    _expect(current, EditionStatus.DRAFT)
    _set_status(current, EditionStatus.IN_REVIEW)
    return current


@transaction.atomic
def approve(edition, by, decision):
    """Record the decision that approved the edition.

    Seed 000 §3: internal documents are approved, changed or ended only by a decision of the
    body that owns them; an annulled decision (§2.1) approves nothing.
    """
    current = _locked(edition)
    document = current.document
    _require_manager(by, document)
    if not document.is_internal:
        raise EditionRuleError(
            _("External documents are registered, not reviewed and approved."), code="external"
        )
    _expect(current, EditionStatus.IN_REVIEW)
    if decision is None:
        raise EditionRuleError(
            _(
                "An internal document is approved only by a decision of the body that owns it; "
                "choose that decision first."
            ),
            code="no_decision",
        )
    if decision.body_id not in (document.approving_body_id, document.owner_body_id):
        raise EditionRuleError(
            _("The decision must be one of the body that approves this document."),
            code="other_body",
        )
    if is_annulled(decision):
        raise EditionRuleError(
            _("This decision was annulled; it cannot approve a document."), code="annulled"
        )
    _set_status(current, EditionStatus.APPROVED, decision=decision)
    return current


@transaction.atomic
def publish(edition, by, today=None):
    """Publish the edition; the edition published before it is superseded in the same
    transaction (seed 004: one edition is in force at a time).

    An internal edition must be approved first; an external one is registered: it goes from
    draft to published directly. A new edition of an external document gives the QA office an
    improvement action per internal document that follows it (seed 000 §3.2: the council keeps
    internal documents in line with external ones).
    """
    today = today or timezone.localdate()
    siblings = list(
        Edition.objects.select_for_update()
        .select_related("document")
        .filter(document_id=edition.document_id)
        .order_by("pk")
    )
    current = next(row for row in siblings if row.pk == edition.pk)
    document = current.document
    _require_manager(by, document)
    _expect(current, EditionStatus.APPROVED if document.is_internal else EditionStatus.DRAFT)
    if current.effective_date is None:
        raise EditionRuleError(
            _("Set the effective date before publishing the edition."), code="no_date"
        )
    for older in siblings:
        if older.pk != current.pk and older.status == EditionStatus.PUBLISHED:
            _set_status(older, EditionStatus.SUPERSEDED)
    _set_status(current, EditionStatus.PUBLISHED, published_on=today, text=pdf_text(current.file))
    if not document.is_internal:
        raise_alignment_reviews(current, by, today)
    return current


def qa_office_person(by):
    """Who gets the QA office's tasks: the person acting if they are the QA manager, else the
    first active QA manager."""
    if by.has_role(Role.QA_MANAGER):
        return by
    return User.objects.filter(is_active=True, groups__name=Role.QA_MANAGER).order_by("pk").first()


def raise_alignment_reviews(edition, by, today):
    """One improvement action per internal document that must follow the external one."""
    owner = qa_office_person(by)
    if owner is None:
        logger.warning("no QA manager to review the alignment with %s", edition)
        return []
    external = edition.document
    return [
        raise_action(
            title=_("Review alignment of %(internal)s with %(external)s, edition %(number)s")
            % {"internal": internal.code, "external": external.code, "number": edition.number},
            description=_(
                "A new edition of the external document was registered; check that the "
                "internal document still follows it and register a new edition if not."
            ),
            owner=owner,
            due_date=today + datetime.timedelta(days=ALIGNMENT_DAYS),
            source=ActionSource.OTHER,
            source_object=internal,
        )
        for internal in external.followed_by.order_by("code")
    ]


@transaction.atomic
def withdraw(edition, by):
    """Withdraw an edition: a draft that will not go ahead, or a published one that is no
    longer in force (seed 004: obsolete regulations are handed to the office)."""
    current = _locked(edition)
    _require_manager(by, current.document)
    _expect(
        current,
        EditionStatus.DRAFT,
        EditionStatus.IN_REVIEW,
        EditionStatus.APPROVED,
        EditionStatus.PUBLISHED,
    )
    _set_status(current, EditionStatus.WITHDRAWN)
    return current


def next_number(document):
    """The number of the next edition of the document."""
    last = document.editions.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1
