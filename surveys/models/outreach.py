"""E-mails to invitees, each claimed in the database before it is sent (``surveys.outreach``).

Issue 4: reminders go only to people who have not answered, on the configured days, and never
twice — even when beat fires twice or two workers run at once. A reminder row is claimed by an
insert that the unique constraints let through once per person, campaign and reminder day; a
link row once per invitation. Each row carries only the claim of the run that wrote it (so a
run can find the rows it won), no time and nothing about answers. The rows of a campaign are
deleted once it stops taking answers.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    """That a person (an account, or an e-mail address) was reminded on one reminder day."""

    campaign = models.ForeignKey(
        "surveys.Campaign",
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("campaign"),
    )
    user = models.ForeignKey(
        "governance.User",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    days_before = models.PositiveSmallIntegerField(_("days before closing"))
    run = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "user", "days_before"],
                condition=Q(user__isnull=False),
                name="one_reminder_per_person_and_day",
            ),
            models.UniqueConstraint(
                fields=["campaign", "email", "days_before"],
                condition=~Q(email=""),
                name="one_reminder_per_address_and_day",
            ),
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(email=""))
                | (Q(user__isnull=True) & ~Q(email="")),
                name="reminder_is_for_an_account_or_an_email",
            ),
        ]

    def __str__(self):
        return f"{self.campaign_id}: {self.user_id or self.email} ({self.days_before})"


class LinkMail(models.Model):
    """That the one-time link of an e-mail invitation has been sent (once, when it opens)."""

    invitation = models.OneToOneField(
        "surveys.Invitation",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="link_mail",
        verbose_name=_("invitation"),
    )
    run = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("link e-mail")
        verbose_name_plural = _("link e-mails")

    def __str__(self):
        return str(self.invitation_id)
