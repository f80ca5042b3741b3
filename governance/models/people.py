"""People: the account (e-mail login) and the staff and student profiles hung on it."""

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.multilingual import Localized
from governance.roles import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username.strip())

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name_kk = models.CharField(_("full name (Kazakh)"), max_length=200)
    full_name_ru = models.CharField(_("full name (Russian)"), max_length=200, blank=True)
    full_name_en = models.CharField(_("full name (English)"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Used for the portal after sign-in and for e-mails."),
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the user can sign in to the administration site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    full_name = Localized()

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name_kk"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name_kk"]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return str(self)

    def get_short_name(self):
        return str(self)

    @cached_property
    def roles(self):
        """The site-wide roles of this person (group names), read once per request."""
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles):
        return any(Role(role) in self.roles for role in roles)

    def add_role(self, role):
        from django.contrib.auth.models import Group

        self.groups.add(Group.objects.get(name=Role(role).value))
        self.__dict__.pop("roles", None)

    def remove_role(self, role):
        self.groups.remove(*self.groups.filter(name=Role(role).value))
        self.__dict__.pop("roles", None)


class StaffProfile(models.Model):
    """Where a member of staff works (school and department) and their position."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="staff_profile", verbose_name=_("user")
    )
    school = models.ForeignKey(
        "governance.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("school"),
        help_text=_("Empty for central units (rectorate, QA office)."),
    )
    department = models.ForeignKey(
        "governance.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("department"),
    )
    position_kk = models.CharField(_("position (Kazakh)"), max_length=200, blank=True)
    position_ru = models.CharField(_("position (Russian)"), max_length=200, blank=True)
    position_en = models.CharField(_("position (English)"), max_length=200, blank=True)

    position = Localized()

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return str(self.user)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.department_id and self.school_id and self.department.school_id != self.school_id:
            raise ValidationError({"department": _("The department belongs to another school.")})


class StudentProfile(models.Model):
    """A student's programme and year of study; the school follows from the programme."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="student_profile", verbose_name=_("user")
    )
    student_number = models.CharField(_("student number"), max_length=32, unique=True)
    programme = models.ForeignKey(
        "governance.EducationalProgramme",
        on_delete=models.PROTECT,
        related_name="students",
        verbose_name=_("educational programme"),
    )
    year_of_study = models.PositiveSmallIntegerField(
        _("year of study"), validators=[MinValueValidator(1), MaxValueValidator(6)]
    )

    class Meta:
        verbose_name = _("student profile")
        verbose_name_plural = _("student profiles")

    def __str__(self):
        return f"{self.user} ({self.student_number})"

    def save(self, *args, **kwargs):
        """Keep exactly one of the student roles, the one the programme's level implies."""
        super().save(*args, **kwargs)
        other = Role.STUDENT if self.role == Role.DOCTORAL_STUDENT else Role.DOCTORAL_STUDENT
        self.user.remove_role(other)
        self.user.add_role(self.role)

    @property
    def school(self):
        return self.programme.school

    @property
    def role(self):
        """Doctoral students answer their own survey (seed 000 §4.1.9)."""
        from governance.models.structure import ProgrammeLevel

        if self.programme.level == ProgrammeLevel.DOCTORAL:
            return Role.DOCTORAL_STUDENT
        return Role.STUDENT
