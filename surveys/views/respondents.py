"""Pages of a signed-in respondent: "My open surveys", answering, thanks.

Only the person invited to a target may open its page (seed 000 §4.1.7: nobody else sees a
respondent's data); everyone else gets 403, whatever their role.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from surveys.inbox import answered_invitations, open_invitations
from surveys.models import Invitation, Target
from surveys.visibility import published_for_respondent

from .answering import answer_page, thanks_page


def _invitation(request, target_pk):
    """The person's invitation to the target, target and campaign with it, in one query; 404
    for a target that does not exist, 403 for one the person is not invited to."""
    related = ["receipt", "target__campaign__version"]
    if request.method == "GET":
        # Shown on the page; a POST that goes through needs only the campaign and its version.
        related += ["target__course", "target__teacher"]
    try:
        # By the unique (target, user) key: no ORDER BY, which would lead PostgreSQL to walk
        # the primary key of every invitation instead.
        return Invitation.objects.select_related(*related).get(target=target_pk, user=request.user)
    except Invitation.DoesNotExist:
        get_object_or_404(Target, pk=target_pk)
        raise PermissionDenied from None


@login_required
@require_GET
def my_surveys(request):
    now = timezone.now()
    context = {
        "open": list(open_invitations(request.user, now)),
        "answered": list(answered_invitations(request.user, now)),
        # Issue 4: respondents see what changed after the surveys they were asked to answer.
        "published": list(published_for_respondent(request.user)),
    }
    return render(request, "surveys/mine.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def answer(request, target_pk):
    invitation = _invitation(request, target_pk)
    return answer_page(
        request,
        invitation,
        thanks_url=reverse("surveys:thanks", args=[target_pk]),
        back_url=reverse("surveys:mine"),
    )


@never_cache
@login_required
@require_GET
def thanks(request, target_pk):
    invitation = _invitation(request, target_pk)
    return thanks_page(
        request,
        invitation,
        answer_url=reverse("surveys:answer", args=[target_pk]),
        back_url=reverse("surveys:mine"),
    )
