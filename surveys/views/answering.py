"""The answer page, shared by signed-in respondents and those who came through a link.

One page per target, built for a phone (issue 4): the server checks the answers and shows
each message next to its question, keeping what was entered. A second submission — a double
tap, a reloaded page, a second tab — shows "You have already answered", not an error.
"""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from surveys.answer_sheet import build_sheet, raw_answers
from surveys.models.questionnaires import TEXT_MAX_LENGTH
from surveys.questions import sections_for
from surveys.submission import AlreadyAnswered, InvalidAnswers, SubmissionRefused, submit


def has_answered(invitation):
    """Whether the invitation has its receipt (read with ``select_related("receipt")``)."""
    return hasattr(invitation, "receipt")


def notice(request, invitation, heading, message, back_url, status=200):
    context = {
        "target": invitation.target,
        "campaign": invitation.target.campaign,
        "heading": heading,
        "message": message,
        "back_url": back_url,
    }
    return render(request, "surveys/notice.html", context, status=status)


def already_answered(request, invitation, back_url):
    return notice(
        request,
        invitation,
        _("You have already answered"),
        _("Your answers to this survey are recorded. Each person answers once."),
        back_url,
    )


def answer_page(request, invitation, thanks_url, back_url):
    """GET: the questions. POST: submit, then the thank-you page, or the questions again."""
    target = invitation.target
    campaign = target.campaign
    if has_answered(invitation):
        return already_answered(request, invitation, back_url)
    if not campaign.accepts_answers():
        return notice(
            request,
            invitation,
            _("This survey is not open"),
            _("This survey is not open for answers."),
            back_url,
        )
    sections = sections_for(target)
    raw, errors = {}, {}
    if request.method == "POST":
        raw = raw_answers(sections, request.POST)
        try:
            submit(invitation, raw)
        except InvalidAnswers as exc:
            errors = exc.errors
        except AlreadyAnswered:
            return already_answered(request, invitation, back_url)
        except SubmissionRefused as exc:
            return notice(request, invitation, _("Your answers were not taken"), str(exc), back_url)
        else:
            return redirect(thanks_url)
    context = {
        "target": target,
        "campaign": campaign,
        "sheet": build_sheet(sections, target, raw, errors),
        "error_count": len(errors),
        "text_max_length": TEXT_MAX_LENGTH,
        "back_url": back_url,
    }
    return render(request, "surveys/answer.html", context)


def thanks_page(request, invitation, answer_url, back_url):
    if not has_answered(invitation):
        return redirect(answer_url)
    return notice(
        request,
        invitation,
        _("Thank you"),
        _(
            "Your answers are recorded. They are kept without your name, and results are "
            "shown only for groups large enough that nobody can be recognised."
        ),
        back_url,
    )
