"""Sending each e-mail of a batch exactly once, even when the worker dies mid-batch.

Issue 8 ("Faults": a worker killed during a reminder batch; the task is retried and no reminder
is sent twice — idempotency keys). Every batch of the portal (reminders, agendas, notices)
sends person by person, and for each person:

* the e-mail is claimed by a change the database lets through once — the insert of its key
  (:class:`~governance.models.SentMail`) or a conditional UPDATE of the rows it is about — so a
  doubled beat, a redelivered task or two workers at once never send it twice;
* the claim and the e-mail are one transaction, committed once the e-mail is handed over. A
  send that fails rolls back that person's claim only, and a worker killed in the middle of a
  batch leaves no claim for the e-mails it did not send: the task delivered again (or beat's
  next run) sends exactly those.
"""

import logging
import uuid

from django.db import transaction

from governance.models import SentMail

logger = logging.getLogger(__name__)


def claim(keys):
    """Insert the e-mails' keys in the current transaction; return those this call inserted.

    A key committed by an earlier run is skipped; a key that a run at the same moment has
    inserted but not committed is waited for (then skipped, or taken if that run failed).
    Keys are inserted in sorted order so that two runs never wait for each other in a circle.
    """
    keys, run = sorted(set(keys)), uuid.uuid4()
    SentMail.objects.bulk_create(
        [SentMail(key=key, run=run) for key in keys], ignore_conflicts=True
    )
    return set(SentMail.objects.filter(key__in=keys, run=run).values_list("key", flat=True))


def unsent(keys):
    """The keys among ``keys`` whose e-mail has not been sent."""
    keys = set(keys)
    return keys - set(SentMail.objects.filter(key__in=keys).values_list("key", flat=True))


def send_claimed(claim_it, message, what):
    """Claim with ``claim_it()`` and, when it claimed something, send ``message(claimed)``
    (an ``EmailMessage``) in the same transaction; return whether this call sent it.

    A failure is logged as "could not send <what>" and undoes the claim; anything raised that
    is not an ``Exception`` (the worker being stopped) undoes it too and goes on up.
    """
    try:
        with transaction.atomic():
            claimed = claim_it()
            if not claimed:
                return False
            message(claimed).send()
    except Exception:
        logger.exception("could not send %s", what)
        return False
    return True


def send_once(key, message, what):
    """Send ``message()`` unless the e-mail ``key`` has been sent; True when this call sent it."""
    return send_claimed(lambda: claim([key]), lambda _claimed: message(), what)


def send_all(messages, what):
    """Send each e-mail of ``messages`` (key → callable returning the e-mail) whose key has
    not been sent, each in its own transaction; return how many this call sent."""
    todo = unsent(messages)
    return sum(
        send_once(key, message, f"{what} ({key})")
        for key, message in messages.items()
        if key in todo
    )
