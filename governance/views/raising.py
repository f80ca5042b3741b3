"""Raising an improvement action from the form every area shares (``ActionCreateForm``).

Decisions, survey results, PDCA cycles and inspections each raise actions through their own
rule, which names the source; the form, the owner's e-mail and the message are the same.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from governance.actions import notify_owner


def raise_from_form(request, form, raise_with):
    """Raise the action the valid ``form`` describes with ``raise_with(**fields)``, tell its
    owner and say so. Returns the action, or None with the rule's refusal on the form."""
    data = form.cleaned_data
    try:
        action = raise_with(
            title=data["title"],
            description=data["description"],
            owner=form.owner,
            school=data["school"],
            due_date=data["due_date"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    notify_owner(action.pk)
    messages.success(request, _("The improvement action was created."))
    return action
