"""The answers: counters per value and free-text rows, with nothing that points to a person.

No column here refers to a user, an invitation, a receipt, a token or a time; free-text rows
have random UUID keys. How the rows are written so that neither their keys nor PostgreSQL's
row versions give away the order of submissions is explained in ``surveys.anonymity``.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AnswerCounter(models.Model):
    """How many respondents chose a value: a scale point, a choice, yes (1) or no (0), a number.

    A matrix question has one counter per item and value. All counters of a target are created
    together when the campaign is scheduled, before anyone answers.
    """

    target = models.ForeignKey(
        "surveys.Target", on_delete=models.CASCADE, related_name="answer_counters"
    )
    question = models.ForeignKey("surveys.Question", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        "surveys.MatrixItem", on_delete=models.PROTECT, null=True, related_name="+"
    )
    value = models.SmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("answer counter")
        verbose_name_plural = _("answer counters")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "question", "value"],
                condition=Q(item__isnull=True),
                name="one_counter_per_value",
            ),
            models.UniqueConstraint(
                fields=["target", "question", "item", "value"],
                condition=Q(item__isnull=False),
                name="one_counter_per_item_and_value",
            ),
        ]

    def __str__(self):
        return f"{self.question_id}/{self.item_id or '-'}/{self.value}: {self.count}"


class AnsweredCounter(models.Model):
    """How many respondents answered a question at all (the base of its response rate)."""

    target = models.ForeignKey(
        "surveys.Target", on_delete=models.CASCADE, related_name="answered_counters"
    )
    question = models.ForeignKey("surveys.Question", on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("answered counter")
        verbose_name_plural = _("answered counters")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "question"], name="one_answered_counter_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question_id}: {self.count}"


class ReviewStatus(models.TextChoices):
    """The QA office's decision on a free-text answer (issue 4: "publish, hide, or show only to
    the evaluated teacher"); nothing is shown before a decision."""

    PENDING = "pending", _("Not reviewed yet")
    PUBLISHED = "published", _("Published")
    TEACHER_ONLY = "teacher_only", _("Only for the evaluated teacher")
    HIDDEN = "hidden", _("Hidden")


class TextAnswer(models.Model):
    """One free-text answer; its key is random and the rows are kept in key order.

    ``review`` is the only thing added after the answer: the decision, without who took it or
    when (``surveys.review``).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    target = models.ForeignKey(
        "surveys.Target", on_delete=models.CASCADE, related_name="text_answers"
    )
    question = models.ForeignKey("surveys.Question", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    review = models.CharField(
        _("review"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )

    class Meta:
        verbose_name = _("free-text answer")
        verbose_name_plural = _("free-text answers")
        # Never by time: there is no time; the random key gives an order that means nothing.
        ordering = ["id"]

    def __str__(self):
        return self.text[:80]
