"""The QA manager's form for a scheduled report (the report's own parameters come from its
kind's form)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import User

from ..models import ReportSchedule
from .registry import REQUESTER_ROLES


class ScheduleForm(forms.ModelForm):
    """How often the report is made and who receives it by e-mail: people who read reports
    (the rector, vice-rectors, deans, the QA office)."""

    class Meta:
        model = ReportSchedule
        fields = ["frequency", "starts_at", "recipients"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "recipients": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "starts_at": _("Monthly reports are then made on the same day of every month."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = (
            User.objects.filter(
                is_active=True, groups__name__in=[role.value for role in REQUESTER_ROLES]
            )
            .distinct()
            .order_by("full_name_kk", "pk")
        )
