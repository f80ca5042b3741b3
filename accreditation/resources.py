"""Importing indicator values from a spreadsheet (issue 6: values "entered or imported from
XLSX"), with the dry run and the row-by-row messages of ``governance.resources``.

Columns (row 1 holds their names): indicator* (its code), year*, school (code), programme
(code), value*. A row without school and programme is the whole university's value. A row for
a value already there replaces it. Values of an indicator fed by survey results are not
imported (``accreditation.survey_feed``).
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from governance.models import EducationalProgramme
from governance.resources import (
    PROGRAMME_NOT_FOUND,
    SHEET_FORMATS,
    CellError,
    CodeWidget,
    SheetResource,
    WholeNumberWidget,
    cell_text,
    school_code,
)

from .models import Indicator, IndicatorValue, Source

KEY_COLUMNS = ("indicator", "year", "school", "programme")
FORMATS = {fmt().get_title().lower(): fmt for fmt in SHEET_FORMATS}


class NumberWidget(widgets.DecimalWidget):
    """A number, with a decimal point or comma ("87,5" as Kazakh and Russian Excel write it)."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).replace("\xa0", "").replace(" ", "").replace(",", ".")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise CellError(
                gettext_lazy("%(column)s must be a number, not %(value)s"), value=cell_text(value)
            )
        return number


class IndicatorValueResource(SheetResource):
    indicator = fields.Field(
        "indicator",
        "indicator",
        CodeWidget(Indicator, "code", gettext_lazy("indicator code %(value)s not found")),
    )
    year = fields.Field("year", "year", WholeNumberWidget())
    school = fields.Field("school", "school", school_code())
    programme = fields.Field(
        "programme",
        "programme",
        CodeWidget(EducationalProgramme, "code", PROGRAMME_NOT_FOUND, upper=True),
    )
    value = fields.Field("value", "value", NumberWidget())

    required_columns = ("indicator", "year", "value")
    clean_exclude = ("source", "updated_by")

    class Meta:
        model = IndicatorValue
        fields = (*KEY_COLUMNS, "value")
        import_id_fields = KEY_COLUMNS

    def get_queryset(self):
        return super().get_queryset().select_related("indicator", "school", "programme")

    def before_import_row(self, row, **kwargs):
        """A value appears once per indicator, year and scope; an empty school and programme
        (the whole university) is part of the key, unlike the other sheets' keys."""
        key = tuple(cell_text(row.get(column)).casefold() for column in KEY_COLUMNS)
        if not (key[0] and key[1]):
            return
        number = kwargs.get("row_number")
        first = self._seen_keys.setdefault(key, number)
        if first != number:
            raise ValidationError(
                _("this row repeats row %(first)s (the same %(columns)s)")
                % {"first": first + 1, "columns": ", ".join(KEY_COLUMNS)}
            )

    def import_related(self, instance, row, values, errors):
        indicator = values.get("indicator")
        if indicator is not None and indicator.is_survey_fed:
            errors["indicator"] = [
                _("indicator %(code)s takes its values from survey results")
                % {"code": indicator.code}
            ]

    def before_save_instance(self, instance, row, **kwargs):
        instance.source = Source.IMPORTED
        instance.updated_by = kwargs.get("user")


def dataset_from(name, content):
    """A tablib dataset from an uploaded .xlsx or .csv file, or None for another type."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    format_class = FORMATS.get(extension)
    if format_class is None:
        return None
    return format_class().create_dataset(content)


def import_values(dataset, user, dry_run):
    """Run the import (``dry_run``: check and roll back); the result lists every problem."""
    return IndicatorValueResource().import_data(
        dataset, dry_run=dry_run, user=user, retain_instance_in_row_result=True
    )
