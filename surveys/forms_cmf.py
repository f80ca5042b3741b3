"""Forms of the course management form pages: the teacher's form, the committee's review and
the filter of a school's forms (``surveys.views.cmf``)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import School, Term

from . import cmf
from .models import CourseForm, DeliveryFormat

TEXT_ROWS = 5


class CourseFormForm(forms.ModelForm):
    """What the teacher writes; a draft may be saved half-filled, submitting needs it all."""

    delivery_format = forms.ChoiceField(
        label=CourseForm._meta.get_field("delivery_format").verbose_name,
        choices=DeliveryFormat.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = CourseForm
        fields = cmf.CONTENT_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": TEXT_ROWS}) for name in cmf.CONTENT_FIELDS[1:]
        }


REVIEW, RETURN = "review", "return"


class ReviewForm(forms.Form):
    """The committee officer's words: recommendations that close the review, or a note that
    returns the form for revision (the button pressed says which)."""

    decision = forms.ChoiceField(
        choices=[(REVIEW, _("Send the recommendations")), (RETURN, _("Return for revision"))],
        widget=forms.HiddenInput,
    )
    text = forms.CharField(
        label=_("Recommendations to the teacher, or what to revise"),
        widget=forms.Textarea(attrs={"rows": TEXT_ROWS}),
    )


STATE_CHOICES = [
    (cmf.SUBMITTED, _("Submitted")),
    (cmf.RETURNED, _("Returned for revision")),
    (cmf.REVIEWED, _("Reviewed")),
]


def _readable_schools(request):
    if request is None:
        return School.objects.none()
    if cmf.reads_every_school(request.user):
        return School.objects.all()
    return School.objects.filter(pk__in=cmf.reader_school_ids(request.user))


class CourseFormFilter(django_filters.FilterSet):
    """Term, status and school of the forms handed to the committees."""

    term = django_filters.ModelChoiceFilter(
        queryset=Term.objects.select_related("academic_year"),
        label=_("Term"),
        empty_label=_("All terms"),
    )
    state = django_filters.ChoiceFilter(
        choices=STATE_CHOICES, method="filter_state", label=_("Status"), empty_label=_("Any status")
    )
    school = django_filters.ModelChoiceFilter(
        queryset=_readable_schools, label=_("School"), empty_label=_("All schools")
    )

    class Meta:
        model = CourseForm
        fields = []

    def filter_state(self, queryset, name, value):
        return cmf.filter_by_state(queryset, value)
