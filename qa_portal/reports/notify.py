"""Telling people a report is ready (issue 7): the person who asked for it gets a link to its
page; the recipients of a scheduled report get the PDF itself, attached, and the link."""

import logging

from django.core.mail import get_connection

from governance.mail import link, personal_mail

logger = logging.getLogger(__name__)


def _filename(report):
    return f"{report.kind}-v{report.version}.pdf"


def messages_for(report, content):
    """The e-mails announcing a finished report (each in its recipient's language)."""

    def context():
        return {"report": report, "url": link("reports:detail", report.pk)}

    if report.schedule_id:
        messages = []
        for person in report.schedule.recipients.filter(is_active=True).order_by("pk"):
            message = personal_mail(person, "reports/email/scheduled", context)
            message.attach(_filename(report), content, "application/pdf")
            messages.append(message)
        return messages
    person = report.requested_by
    if person is None or not person.is_active or not person.email:
        return []
    return [personal_mail(person, "reports/email/ready", context)]


def report_ready(report, content):
    """Send the e-mails; a mail server that is down is logged, the report stays ready."""
    messages = messages_for(report, content)
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages)
    except Exception:
        logger.exception("could not send the e-mails for report %s", report.pk)
        return 0
