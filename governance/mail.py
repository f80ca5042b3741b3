"""E-mails to one person, written in their preferred language (kk by default).

Every reminder and notice of the portal goes through ``personal_mail``: the subject and text
come from ``governance/email/<template>_subject.txt`` and ``<template>.txt`` (or, for a template
given with its folder such as ``surveys/email/reminder``, from that folder), rendered with the
person's language active so that dates, words and the language prefix of links all match.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from governance.links import site_url


def link(url_name, *args, base_url=None):
    """An absolute link for an e-mail, in the language active at the call; ``base_url``
    (e.g. the address a chair is using) instead of ``SITE_URL`` when given."""
    return (base_url or site_url()).rstrip("/") + reverse(url_name, args=args)


def personal_mail(person, template, context, connection=None):
    """The e-mail to ``person``; ``context`` is a dict, or a callable returning one that is
    called with the person's language active (for links built with ``link``)."""
    language = person.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        values = context() if callable(context) else context
        values = {"person": person, **values}
        path = template if "/" in template else f"governance/email/{template}"
        subject = render_to_string(f"{path}_subject.txt", values)
        text = render_to_string(f"{path}.txt", values)
    return EmailMessage(
        " ".join(subject.split()),
        text,
        to=[person.email],
        headers={"Content-Language": language},
        connection=connection,
    )
