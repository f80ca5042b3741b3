"""Forms of the accreditation pages: uploads for the imports, the crosswalk, the indicator
filters and the grid of values and targets."""

import zipfile

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import Framework
from .resources import dataset_from

MAX_UPLOAD_SIZE = 2 * 1024 * 1024


class UploadForm(forms.Form):
    """A file for an import's dry run, of the types the import reads."""

    file = forms.FileField(label=_("File"))

    def __init__(self, *args, extensions, **kwargs):
        super().__init__(*args, **kwargs)
        self.extensions = extensions
        types = ", ".join(f".{ext}" for ext in extensions)
        self.fields["file"].widget.attrs["accept"] = ",".join(f".{ext}" for ext in extensions)
        self.fields["file"].help_text = _("%(types)s, up to %(size)s.") % {
            "types": types,
            "size": filesizeformat(MAX_UPLOAD_SIZE),
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in self.extensions:
            raise forms.ValidationError(
                _("Use a file of one of these types: %(types)s.")
                % {"types": ", ".join(f".{ext}" for ext in self.extensions)},
                code="bad_type",
            )
        if upload.size > MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_SIZE)},
                code="too_large",
            )
        return upload


class SheetUploadForm(UploadForm):
    """An upload of values, read while it is checked: ``dataset`` holds its rows. A file whose
    content is not the workbook or text its name says is refused (issue 8: it was a 500)."""

    dataset = None

    def clean_file(self):
        upload = super().clean_file()
        try:
            self.dataset = dataset_from(upload.name, upload.read())
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, StopIteration) as error:
            raise forms.ValidationError(
                _("The file's content is not a real .%(ext)s file."),
                params={"ext": upload.name.rsplit(".", 1)[-1].lower()},
                code="bad_content",
            ) from error
        finally:
            upload.seek(0)
        return upload


class ConfirmForm(forms.Form):
    """The second step of an import: the token of the file the dry run checked."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


class CrosswalkForm(forms.Form):
    """Which two frameworks the crosswalk matrix sets side by side."""

    source = forms.ModelChoiceField(
        queryset=Framework.objects.order_by("code"),
        to_field_name="code",
        label=_("Framework (rows)"),
        empty_label=None,
    )
    target = forms.ModelChoiceField(
        queryset=Framework.objects.order_by("code"),
        to_field_name="code",
        label=_("Compared with (columns)"),
        empty_label=None,
    )

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("source") == data.get("target"):
            raise forms.ValidationError(_("Choose two different frameworks."))
        return data


class MappingForm(forms.Form):
    """The clauses of another framework that one clause answers."""

    targets = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Corresponds to"),
    )

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["targets"]
        field.queryset = framework.clauses.order_by("position", "pk")
        field.label_from_instance = lambda clause: f"{clause.code} {clause.title}"


class YearValuesForm(forms.Form):
    """The values of one scope and the targets, year by year; an emptied cell removes it.

    ``years``: the years shown; ``values``/``targets``: {year: number} already stored. Without
    ``with_values`` (an indicator fed by survey results) only targets are entered; without
    ``with_targets`` (a school or programme: targets are the university's) only values.
    """

    def __init__(self, *args, indicator, years, values, targets, with_values, with_targets, **kw):
        super().__init__(*args, **kw)
        self.indicator = indicator
        self.years = years
        for year in years:
            if with_targets:
                self.fields[f"target_{year}"] = self._number(
                    _("Target for %(year)s") % {"year": year}, targets.get(year)
                )
            if with_values:
                self.fields[f"value_{year}"] = self._number(
                    _("Value for %(year)s") % {"year": year}, values.get(year)
                )

    @staticmethod
    def _number(label, initial):
        if initial is not None:  # 75 and 9.8, not 75.00 and 9.80
            whole = initial == initial.to_integral_value()
            initial = initial.quantize(1) if whole else initial.normalize()
        return forms.DecimalField(
            label=label,
            required=False,
            max_digits=12,
            decimal_places=2,
            initial=initial,
            localize=True,
        )

    def clean(self):
        data = super().clean()
        for name, number in list(data.items()):
            if number is not None:
                problem = self.indicator.value_problem(number)
                if problem:
                    self.add_error(name, problem)
        return data

    def rows(self):
        """(year, target field or None, value field or None) for the template's table."""
        return [
            (
                year,
                self[f"target_{year}"] if f"target_{year}" in self.fields else None,
                self[f"value_{year}"] if f"value_{year}" in self.fields else None,
            )
            for year in self.years
        ]

    def entered(self, prefix):
        """{year: number or None} of the submitted fields starting with ``prefix`` (a year
        the form did not send is left as it is)."""
        return {
            year: self.cleaned_data[f"{prefix}_{year}"]
            for year in self.years
            if f"{prefix}_{year}" in self.fields and f"{prefix}_{year}" in self.data
        }
