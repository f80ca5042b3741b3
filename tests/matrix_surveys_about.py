"""Permission rows for the public page on how survey anonymity is protected: everyone reads it,
signed in or not (alumni and employers answer through a link, without an account)."""

from django.urls import reverse

from tests.urlmatrix import everyone

MATRIX = {
    "surveys:anonymity": (lambda w: reverse("surveys:anonymity"), everyone(200, anonymous=200)),
}
