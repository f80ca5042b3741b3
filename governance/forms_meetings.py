"""Forms for meetings and their agenda: a new meeting, a proposed item, a material."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.agenda import next_meeting_number
from governance.models import AgendaItem, AgendaMaterial, Meeting
from governance.uploads import validate_material


class MeetingForm(forms.ModelForm):
    """A new meeting of ``body``; the number defaults to the body's next one."""

    online_link = forms.URLField(
        label=Meeting._meta.get_field("online_link").verbose_name,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Meeting
        fields = ["number", "starts_at", "place", "online_link", "language"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        help_texts = {"starts_at": _("Local time (Almaty).")}

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        self.instance.body = body
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("number", next_meeting_number(body))

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = Meeting.objects.filter(body=self.body, number=number).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("This body already has a meeting No. %(number)s."), params={"number": number}
            )
        return number


class ItemProposalForm(forms.Form):
    """Seed 000 §2: any member, voting or not, proposes an item, with a material if they like."""

    title = forms.CharField(
        label=_("Title"), max_length=AgendaItem._meta.get_field("title").max_length
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the body should consider or decide, and why."),
    )
    material = forms.FileField(
        label=_("Material (optional)"),
        required=False,
        validators=[validate_material],
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument or an image."),
    )
    material_title = forms.CharField(
        label=_("Title of the material"),
        required=False,
        max_length=AgendaMaterial._meta.get_field("title").max_length,
        help_text=_("The file name is used when left empty."),
    )


class MaterialForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        validators=[validate_material],
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument or an image."),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=AgendaMaterial._meta.get_field("title").max_length,
        help_text=_("The file name is used when left empty."),
    )
