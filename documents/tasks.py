"""What beat does for the register of QA documents (``qa_portal.schedule``): every morning the
owners of documents due for their periodic review are reminded (``documents.review``), and so
are those who have not yet acknowledged a document (``documents.acknowledgements``).

Issue 8: each e-mail is claimed and sent in one transaction (``governance.once``), so a task
delivered twice sends nothing twice, and a worker killed mid-batch leaves the e-mails it did
not send to the task's next delivery."""

import logging

from celery import shared_task

from . import acknowledgements, review

logger = logging.getLogger(__name__)


@shared_task(name="documents.tasks.remind_reviews", ignore_result=True)
def remind_reviews():
    sent = review.send_review_reminders()
    if sent:
        logger.info("document review reminders sent: %s", sent)
    return sent


@shared_task(name="documents.tasks.remind_acknowledgements", ignore_result=True)
def remind_acknowledgements():
    sent = acknowledgements.send_reminders()
    if sent:
        logger.info("acknowledgement reminders sent: %s", sent)
    return sent
