"""Text kept in Kazakh, Russian and English side by side (``name_kk``, ``name_ru``, ``name_en``).

Kazakh is the state language and the portal's default; the other two are shown when the reader
has chosen them and the text exists.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def language_order(active=None):
    """The active language first, then the others in the order of ``settings.LANGUAGES``."""
    active = (active or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return [active, *(code for code in LANGUAGE_CODES if code != active)]


def code_or_text_contains(value, field):
    """Rows whose ``code`` or whose ``field`` in any language contains ``value`` (a search
    box: the QA office types a code, a reader words in their own language); every row for an
    empty box."""
    value = value.strip()
    if not value:
        return Q()
    found = Q(code__icontains=value)
    for code in LANGUAGE_CODES:
        found |= Q(**{f"{field}_{code}__icontains": value})
    return found


class Localized:
    """Read ``<attr>_<lang>`` for the active language, falling back to the other languages."""

    def __set_name__(self, owner, name):
        self.base = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        for code in language_order():
            value = getattr(obj, f"{self.base}_{code}", "")
            if value:
                return value
        return ""


class LanguageListField(models.JSONField):
    """A list of language codes (e.g. the languages a programme is taught in)."""

    description = _("Languages")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        unknown = [code for code in value or [] if code not in LANGUAGE_CODES]
        if unknown:
            raise ValidationError(
                _("Unknown language code(s): %(codes)s."),
                params={"codes": ", ".join(map(str, unknown))},
                code="unknown_language",
            )

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=settings.LANGUAGES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )
