"""Handing work to the Celery worker once a change is committed.

Issue 8: a broker that is down must not undo a change people made on a page. The task is
sent after the transaction commits (never for a change that was rolled back), and a failure to
reach the broker is logged; beat's periodic tasks catch up on what it would have done.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def queue_after_commit(task, *args, what):
    """Send ``task(*args)`` to the worker when the current transaction commits (at once
    outside one); a broker that is down is logged ("could not queue <what>"), not raised."""

    def send():
        try:
            task.delay(*args)
        except Exception:
            logger.exception("could not queue %s", what)

    transaction.on_commit(send)
