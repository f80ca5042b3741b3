"""The public page that tells respondents how their anonymity is protected.

Issue 4 ("Anonymity by construction"): "A public page explains, in kk/ru/en, how anonymity is
protected". The page says in plain words what ``surveys.anonymity``, ``surveys.results`` and
``surveys.review`` do, so it is open to everyone, signed in or not — alumni and employers
answer through a link without an account (seed 000 §4.1.12–4.1.13).
"""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from surveys.forms_campaigns import MIN_RESPONDENTS
from surveys.models import Campaign


@require_GET
def anonymity(request):
    context = {
        "usual_minimum": Campaign._meta.get_field("min_respondents").default,
        "lowest_minimum": MIN_RESPONDENTS,
    }
    return render(request, "surveys/anonymity.html", context)
