"""Nightly upkeep of improvement actions (the Act of PDCA, seed 000 §4).

Every morning (``qa_portal.schedule``) actions past their due date and not done are marked
overdue, and owners whose actions fall due within a week are reminded by e-mail, in their
preferred language, at most once a day. Each owner's e-mail and the claim of the actions it
lists (``governance.actions.claim_reminders``) are one transaction (``governance.once``; issue
8): a doubled beat or a redelivered task never reminds of an action twice, and a worker killed
in the middle of the batch leaves the owners it did not e-mail to the task's next delivery.
"""

import logging
from functools import partial

from celery import shared_task
from django.core.mail import get_connection
from django.utils import timezone

from governance import actions as rules
from governance.links import site_url
from governance.mail import link, personal_mail
from governance.models import ImprovementAction, User
from governance.once import send_claimed

logger = logging.getLogger(__name__)


def _message(template, owner, context, connection=None):
    """An e-mail to ``owner`` about their actions, each with its link."""

    def values():
        for action in context.get("actions", ()):
            action.url = link("governance:action_detail", action.pk)
        return {
            **context,
            "owner": owner,
            "site_url": site_url(),
            "list_url": link("governance:action_list"),
        }

    return personal_mail(owner, template, values, connection)


def _reminder(owner, today, connection, actions):
    context = {"actions": actions, "days": rules.REMINDER_DAYS, "today": today}
    return _message("action_reminder", owner, context, connection=connection)


def send_reminders(today=None):
    """E-mail each owner once about their actions due within a week; returns e-mails sent."""
    today = today or timezone.localdate()
    owners = User.objects.filter(pk__in=rules.due_for_reminder(today).values("owner"))
    connection = get_connection()
    sent = 0
    for owner in owners.order_by("pk"):
        sent += send_claimed(
            partial(rules.claim_reminders, owner.pk, today),
            partial(_reminder, owner, today, connection),
            f"the action reminder to {owner.email}",
        )
    return sent


@shared_task(name="governance.tasks.actions.remind_and_mark_overdue")
def remind_and_mark_overdue():
    """Mark late actions overdue, then remind owners of actions due within a week."""
    today = timezone.localdate()
    overdue = rules.mark_overdue(today)
    reminded = send_reminders(today)
    logger.info("improvement actions: %s marked overdue, %s owners reminded", overdue, reminded)
    return {"overdue": overdue, "reminded": reminded}


@shared_task(name="governance.tasks.actions.notify_new_owner")
def notify_new_owner(action_pk):
    """Tell the owner of a new improvement action what they are to do and by when."""
    action = (
        ImprovementAction.objects.select_related("owner", "school").filter(pk=action_pk).first()
    )
    if action is None or not action.owner.is_active or not action.owner.email:
        return False
    _message("action_assigned", action.owner, {"actions": [action], "action": action}).send()
    return True
