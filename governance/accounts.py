"""Sign-in and language choice: the portal speaks the language each person chose."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language, get_language_from_path, override
from django.views.decorators.http import require_POST

from .forms import LoginForm


def _language_response(target, language):
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def translated(url, language):
    """``url`` in ``language``: Kazakh pages have no prefix, the others ``/ru/``, ``/en/``."""
    current = get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE
    with override(current):
        return translate_url(url, language)


class LoginView(auth_views.LoginView):
    """After sign-in, continue in the person's preferred language."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().preferred_language
        return _language_response(translated(response.url, language), language)


@require_POST
def set_language(request):
    """Switch the page to another language and remember the choice on the account."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if language not in dict(settings.LANGUAGES) or not check_for_language(language):
        return HttpResponseRedirect(next_url)
    user = request.user
    if user.is_authenticated and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return _language_response(translated(next_url, language), language)
