"""What beat does for survey campaigns (``qa_portal.schedule``).

Every minute ``update_campaign_windows`` closes the campaigns whose window has ended, opens the
scheduled ones whose window has started (``surveys.windows``), e-mails the one-time links of the
campaigns open now, and forgets who was e-mailed in campaigns that no longer take answers
(``surveys.outreach``). Every quarter of an hour ``send_reminders`` reminds those who have not
answered, on the campaigns' reminder days. Both are safe when beat fires twice or two workers
run them at once: every step is claimed in the database before it is taken.
"""

import logging

from celery import shared_task
from django.utils import timezone

from . import cmf, outreach, windows
from .models import Campaign

logger = logging.getLogger(__name__)


@shared_task(name="surveys.tasks.update_campaign_windows", ignore_result=True)
def update_campaign_windows():
    now = timezone.now()
    result = {
        "closed": windows.close_due(now),
        "opened": windows.open_due(now),
        "links": outreach.send_links(now),
        "forgotten": outreach.forget_finished(),
    }
    if any(result.values()):
        logger.info("survey campaigns: %s", result)
    return result


@shared_task(name="surveys.tasks.send_reminders", ignore_result=True)
def send_reminders():
    sent = outreach.send_due_reminders()
    if sent:
        logger.info("survey reminders sent: %s", sent)
    return sent


@shared_task(name="surveys.tasks.send_campaign_links", ignore_result=True)
def send_campaign_links(campaign_pk):
    """E-mail the links of one campaign at once (queued when its owner opens it now)."""
    campaign = Campaign.objects.filter(pk=campaign_pk).first()
    if campaign is None:
        return 0
    return outreach.send_links(campaign=campaign)


@shared_task(name="surveys.tasks.mail_course_form", ignore_result=True)
def mail_course_form(form_pk, event):
    """E-mail the committee's officers about a submitted course management form, or its teacher
    about the committee's review or return (``surveys.cmf``)."""
    return cmf.mail_about(form_pk, event)
