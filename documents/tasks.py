"""What beat does for the register of QA documents (``qa_portal.schedule``): every morning the
owners of documents due for their periodic review are reminded (``documents.review``)."""

import logging

from celery import shared_task

from . import review

logger = logging.getLogger(__name__)


@shared_task(name="documents.tasks.remind_reviews", ignore_result=True)
def remind_reviews():
    sent = review.send_review_reminders()
    if sent:
        logger.info("document review reminders sent: %s", sent)
    return sent
