"""What beat does for the register of accredited programmes (``qa_portal.schedule``): every
morning the QA office is reminded of accreditations expiring in 18, 12 and 6 months
(``accreditation.expiry``; seed 002 S10). Issue 8: a task delivered twice tells nobody twice,
and a worker killed mid-batch leaves the managers it did not e-mail to the next delivery."""

import logging

from celery import shared_task

from . import expiry

logger = logging.getLogger(__name__)


@shared_task(name="accreditation.tasks.remind_expiring_accreditations", ignore_result=True)
def remind_expiring_accreditations():
    sent = expiry.send_expiry_reminders()
    if sent:
        logger.info("accreditation expiry reminders sent: %s", sent)
    return sent
