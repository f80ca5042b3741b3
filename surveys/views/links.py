"""Answering through a one-time link, for people without an account (alumni, employers).

Issue 4: they are invited by e-mail and answer without signing in. The link's token is looked
up by its SHA-256 (``surveys.audience``); an unknown token is "not found", an expired one says
so (410 Gone), and a used one shows "You have already answered".
"""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from surveys.audience import invitation_for_token

from .answering import answer_page, has_answered, notice, thanks_page


def _invitation(token):
    invitation = invitation_for_token(token)
    if invitation is None:
        raise Http404(_("This link is not valid."))
    return invitation


def _expired(invitation):
    return (
        not has_answered(invitation)
        and invitation.token_expires_at is not None
        and invitation.token_expires_at <= timezone.now()
    )


def _expired_page(request, invitation):
    return notice(
        request,
        invitation,
        _("This link has expired"),
        _("The time to answer through this link is over."),
        back_url="",
        status=410,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def token_answer(request, token):
    invitation = _invitation(token)
    if _expired(invitation):
        return _expired_page(request, invitation)
    return answer_page(
        request,
        invitation,
        thanks_url=reverse("surveys:token_thanks", args=[token]),
        back_url="",
    )


@never_cache
@require_GET
def token_thanks(request, token):
    invitation = _invitation(token)
    return thanks_page(
        request, invitation, answer_url=reverse("surveys:token_answer", args=[token]), back_url=""
    )
