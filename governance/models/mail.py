"""Idempotency keys of e-mails (issue 8, "Faults": no reminder is sent twice)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SentMail(models.Model):
    """One e-mail handed over for sending, by its key (e.g. ``agenda:12:345``: meeting 12's
    agenda to person 345). The row is inserted in the transaction that sends the e-mail
    (``governance.once``), so it exists only for an e-mail sent, and a key is sent once."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    # The run that inserted the row: how that run tells its own insert from another's.
    run = models.UUIDField(editable=False)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")

    def __str__(self):
        return self.key
