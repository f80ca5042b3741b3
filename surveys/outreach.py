"""E-mails to invitees: the one-time link when a survey opens, and reminders to those who have
not answered yet.

Issue 4 ("Campaigns and windows"):

* People invited by e-mail (alumni, employers; seed 000 §4.1.12–§4.1.13) get their one-time link
  when the campaign opens. Only the link's hash is stored (``surveys.audience.issue_token``), so
  the link is made at the moment it is sent, once per invitation.
* Reminders go on the campaign's reminder days (``Campaign.reminder_days``, days before the
  survey closes) at 09:00 Almaty time, only to invitees without a receipt — receipts say who has
  answered, and nothing here reads an answer. A person invited for several courses gets one
  e-mail listing those still waiting. A reminder to someone invited by e-mail carries a new link,
  as the first one cannot be sent again (only its hash is kept); the earlier link stops working.
* Never twice: each e-mail is claimed by an insert that the database lets through once
  (``surveys.models.outreach``), so a doubled beat or two workers at once send one e-mail.
* Never lost (issue 8, "Worker killed during a reminder batch"): the claim and the e-mail are one
  transaction per person, committed once the e-mail is handed over. A send that fails, or a
  worker killed in the middle of a batch, leaves no claim for the e-mails not sent, and the task
  delivered again (or beat's next run) sends exactly those.

When beat was down over several reminder days, only the latest one due is sent.
"""

import datetime
import uuid
from collections import defaultdict
from functools import partial
from typing import NamedTuple

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from governance.mail import link, personal_mail
from governance.once import send_claimed

from .audience import issue_token
from .calendar import last_day
from .models import Campaign, CampaignState, Invitation, LinkMail, Reminder

REMINDER_HOUR = 9
LANGUAGES = [code for code, _name in settings.LANGUAGES]


class Addressee(NamedTuple):
    """Someone invited by e-mail, without an account: written to in every portal language."""

    email: str
    preferred_language: str = ""


def reminder_moment(campaign, days_before):
    """09:00 (Almaty) on the day ``days_before`` days before the last day of the survey."""
    day = last_day(campaign.closes_at) - datetime.timedelta(days=days_before)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(REMINDER_HOUR)))


def reminder_problems(campaign):
    """The reminder days that would fall outside the window, in words (empty when none)."""
    return [
        _(
            "A reminder %(days)d days before the close would fall outside the window "
            "(reminders go at 09:00 on their day)."
        )
        % {"days": days}
        for days in sorted(set(campaign.reminder_days or []), reverse=True)
        if not campaign.opens_at <= reminder_moment(campaign, days) < campaign.closes_at
    ]


def due_reminder_day(campaign, now):
    """The reminder day whose time is the latest one passed inside the window, or None."""
    passed = [
        days
        for days in campaign.reminder_days or []
        if campaign.opens_at <= reminder_moment(campaign, days) <= now
    ]
    return min(passed) if passed else None


def _answering(now):
    return Campaign.objects.filter(
        state=CampaignState.OPEN, opens_at__lte=now, closes_at__gt=now
    ).order_by("pk")


def _send_once(row, message, what):
    """Claim ``row`` (a ``Reminder`` or ``LinkMail``) and send ``message()`` in one transaction
    (``governance.once.send_claimed``); return whether this call sent it.

    The insert skips a row already committed by an earlier run, and waits for one that a run
    at the same moment has not committed yet (then skips it, or takes it if that run failed).
    """
    model = type(row)
    row.run = uuid.uuid4()

    def claim():
        model.objects.bulk_create([row], ignore_conflicts=True)
        return model.objects.filter(run=row.run).exists()

    return send_claimed(claim, lambda _claimed: message(), what)


def _localized_links(url_name, *args):
    """(language, absolute link) for every portal language, each with its own prefix."""
    links = []
    for code in LANGUAGES:
        with translation.override(code):
            links.append((code, link(url_name, *args)))
    return links


def _link_message(invitation, reminder, connection):
    """A new one-time link for an e-mail invitation, in a message in every portal language."""
    campaign = invitation.target.campaign
    token = issue_token(invitation)
    context = {
        "campaign": campaign,
        "links": _localized_links("surveys:token_answer", token),
        "reminder": reminder,
    }
    return personal_mail(Addressee(invitation.email), "surveys/email/link", context, connection)


def send_links(now=None, campaign=None):
    """E-mail every e-mail invitee of the open campaigns (or of ``campaign``) its one-time link,
    once; return the number sent."""
    now = now or timezone.now()
    campaigns = _answering(now)
    if campaign is not None:
        campaigns = campaigns.filter(pk=campaign.pk)
    waiting = (
        Invitation.objects.filter(
            target__campaign__in=campaigns,
            user__isnull=True,
            receipt__isnull=True,
            link_mail__isnull=True,
        )
        .select_related("target__campaign")
        .order_by("pk")
    )
    sent = 0
    with get_connection() as connection:
        for invitation in waiting:
            sent += _send_once(
                LinkMail(invitation=invitation),
                partial(_link_message, invitation, False, connection),
                f"the survey link of invitation {invitation.pk}",
            )
    return sent


def _reminder_message(person, invitations, connection):
    """One reminder to a person with an account, listing what still waits for an answer."""
    campaign = invitations[0].target.campaign

    def context():
        targets = [invitation.target for invitation in invitations]
        for target in targets:
            target.url = link("surveys:answer", target.pk)
        return {"campaign": campaign, "targets": targets, "link": link("surveys:mine")}

    return personal_mail(person, "surveys/email/reminder", context, connection)


def remind(campaign, days_before):
    """Remind, once for this reminder day, everyone invited to ``campaign`` who has not answered
    all they were invited to; return the number of e-mails sent."""
    waiting = (
        Invitation.objects.filter(target__campaign=campaign, receipt__isnull=True)
        .filter(Q(user__is_active=True) | Q(user__isnull=True, link_mail__isnull=False))
        .select_related("user", "target__course", "target__teacher")
        .order_by("user_id", "email", "target__course__code", "target__teacher_id", "pk")
    )
    by_person = defaultdict(list)
    for invitation in waiting:
        invitation.target.campaign = campaign
        by_person[(invitation.user_id or 0, invitation.email)].append(invitation)
    sent = 0
    with get_connection() as connection:
        for user_id, email in sorted(by_person):
            invitations = by_person[(user_id, email)]
            if user_id:
                message = partial(_reminder_message, invitations[0].user, invitations, connection)
            else:
                message = partial(_link_message, invitations[0], True, connection)
            row = Reminder(
                campaign=campaign, user_id=user_id or None, email=email, days_before=days_before
            )
            sent += _send_once(
                row, message, f"the survey reminder of invitation {invitations[0].pk}"
            )
    return sent


def send_due_reminders(now=None):
    """Send the reminders due now in every open campaign; return the number of e-mails sent."""
    now = now or timezone.now()
    sent = 0
    for campaign in _answering(now):
        days = due_reminder_day(campaign, now)
        if days is not None:
            sent += remind(campaign, days)
    return sent


def forget_finished():
    """Delete the link and reminder rows of campaigns that take no more answers (they only
    served to send each e-mail once, and would keep who had not answered by when)."""
    finished = [CampaignState.CLOSED, CampaignState.PUBLISHED]
    reminders, _by_model = Reminder.objects.filter(campaign__state__in=finished).delete()
    links, _by_model = LinkMail.objects.filter(
        invitation__target__campaign__state__in=finished
    ).delete()
    return reminders + links
