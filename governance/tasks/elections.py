"""Committee elections (seed 000 §2.2): closing voting at its time, and telling the electorate.

Beat runs ``close_due_elections`` every minute (``qa_portal.schedule``). It is safe when beat
fires twice or two workers take the same run: ``close_election`` refuses an election that is
closed already. ``notify_electors`` is queued when nominations or voting open; each elector's
notice is claimed and sent in one transaction (``governance.once``; issue 8), so a redelivered
task never sends it twice and sends exactly the notices a killed worker did not.
"""

import logging
from functools import partial

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection
from django.utils import timezone, translation

from governance.elections import ElectionError, close_election, electors
from governance.mail import link, personal_mail
from governance.models import Election
from governance.models.elections import ElectionStatus
from governance.once import send_all

logger = logging.getLogger(__name__)


@shared_task(name="governance.tasks.elections.close_due_elections", ignore_result=True)
def close_due_elections():
    """Close every election whose voting time has passed; returns how many it closed.

    The result is written in the portal's language (Kazakh). An election closed meanwhile (by a
    manager or another run) makes ``close_election`` raise ``ElectionError`` and is skipped.
    """
    due = Election.objects.filter(
        status=ElectionStatus.VOTING, voting_closes_at__lte=timezone.now()
    )
    closed = 0
    with translation.override(settings.LANGUAGE_CODE):
        for pk in due.values_list("pk", flat=True):
            try:
                election = close_election(Election(pk=pk))
            except ElectionError:
                continue
            closed += 1
            logger.info("Closed election %s at its time: %s", pk, election.result)
    return closed


def send_election_notice(election):
    """E-mail every elector, in their own language (links too), that nominations or voting are
    open; once per elector and status. Returns the number of mails this call sent.
    """

    def context():
        return {
            "election": election,
            "body": election.body,
            "link": link("governance:election_detail", election.pk),
        }

    people = electors(election.body).filter(email__gt="").order_by("pk")
    connection = get_connection()
    mails = {
        f"election-notice:{election.pk}:{election.status}:{person.pk}": partial(
            personal_mail, person, "election_notice", context, connection
        )
        for person in people
    }
    return send_all(mails, f"the notice of election {election.pk}")


@shared_task(name="governance.tasks.elections.notify_electors", ignore_result=True)
def notify_electors(election_pk, status):
    """Tell the electorate that the election reached ``status`` (nominations or voting open).

    Nothing is sent when the election has moved on meanwhile: the later notice replaces it.
    """
    election = Election.objects.select_related("body__school").filter(pk=election_pk).first()
    if election is None or election.status != status:
        return 0
    return send_election_notice(election)
