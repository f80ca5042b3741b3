"""Accreditation agencies: who accredits the university and its programmes.

Seed 003 ¶22–23, ¶68: an accreditation body is independent and applies its own standards;
¶211: the authorised body recognises agencies and enters them in its register (Register 1);
seed 000 §4.2 names FIBAA for institutional and programme accreditation. Agencies registered
in EQAR are recognised across the European Higher Education Area as well.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.multilingual import Localized


class Country(models.TextChoices):
    """Countries the agencies working in Kazakhstan come from (ISO 3166-1 alpha-2)."""

    KAZAKHSTAN = "KZ", _("Kazakhstan")
    AUSTRIA = "AT", _("Austria")
    BELGIUM = "BE", _("Belgium")
    FRANCE = "FR", _("France")
    GERMANY = "DE", _("Germany")
    KYRGYZSTAN = "KG", _("Kyrgyzstan")
    LITHUANIA = "LT", _("Lithuania")
    NETHERLANDS = "NL", _("Netherlands")
    POLAND = "PL", _("Poland")
    RUSSIA = "RU", _("Russia")
    SPAIN = "ES", _("Spain")
    SWITZERLAND = "CH", _("Switzerland")
    TURKEY = "TR", _("Türkiye")
    UNITED_KINGDOM = "GB", _("United Kingdom")
    UNITED_STATES = "US", _("United States")
    UZBEKISTAN = "UZ", _("Uzbekistan")


short_name_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9-]*$",
    _("Use Latin letters, digits and hyphens, e.g. IAAR or AQ-Austria."),
)


class Agency(models.Model):
    short_name = models.CharField(
        _("short name"), max_length=20, unique=True, validators=[short_name_validator]
    )
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    in_national_register = models.BooleanField(
        _("in the national register"),
        default=False,
        help_text=_("Recognised by the authorised body and entered in its register (Register 1)."),
    )
    in_eqar = models.BooleanField(
        _("registered in EQAR"),
        default=False,
        help_text=_("European Quality Assurance Register for Higher Education."),
    )
    other_recognition = models.CharField(
        _("other recognition"),
        max_length=200,
        blank=True,
        help_text=_("For example WFME recognition of a medical accreditation agency."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    name = Localized()

    class Meta:
        verbose_name = _("accreditation agency")
        verbose_name_plural = _("accreditation agencies")
        ordering = ["short_name"]

    def __str__(self):
        return self.short_name

    @property
    def recognised(self):
        """Seed 003 ¶211: recognised in Kazakhstan, in the EHEA, or by another recogniser."""
        return self.in_national_register or self.in_eqar or bool(self.other_recognition)
