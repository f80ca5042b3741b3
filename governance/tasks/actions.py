"""Nightly upkeep of improvement actions (the Act of PDCA, seed 000 §4).

Every morning (``qa_portal.schedule``) actions past their due date and not done are marked
overdue, and owners whose actions fall due within a week are reminded by e-mail, in their
preferred language, at most once a day: each action's reminder is claimed with a conditional
UPDATE before anything is sent, so a doubled beat or a redelivered task never sends twice.
"""

import logging
from collections import defaultdict

from celery import shared_task
from django.core.mail import get_connection
from django.utils import timezone

from governance import actions as rules
from governance.links import site_url
from governance.mail import link, personal_mail
from governance.models import ImprovementAction

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


def send_reminders(today=None):
    """E-mail each owner once about their actions due within a week; returns e-mails sent."""
    today = today or timezone.localdate()
    claimed = defaultdict(list)
    candidates = rules.due_for_reminder(today).select_related("owner", "school")
    for action in candidates.order_by("owner_id", "due_date", "pk"):
        previous = action.reminder_sent_on
        if rules.claim_reminder(action, today):
            claimed[action.owner].append((action, previous))
    sent = 0
    connection = get_connection()
    for owner, rows in claimed.items():
        actions = [action for action, _previous in rows]
        try:
            message = _message(
                "action_reminder",
                owner,
                {"actions": actions, "days": rules.REMINDER_DAYS, "today": today},
                connection=connection,
            )
            message.send()
        except Exception:
            logger.exception("could not send the action reminder to %s", owner.email)
            for action, previous in rows:
                rules.release_reminder(action, previous, today)
        else:
            sent += 1
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
