"""Absolute links for e-mails sent without a request (reminders, agendas)."""

from django.conf import settings


def site_url():
    """The portal's public address, from ``SITE_URL`` (settings / environment)."""
    return settings.SITE_URL.rstrip("/")
