"""Spreadsheet import and export of the university structure (django-import-export).

Every sheet is keyed by a natural key (school, department, programme and course code, a
person's e-mail, a student number) and refers to other records by their codes and e-mails,
never by database ids.  The first row holds the column names, so the first record is on
row 2; every problem is reported as "row N: …" with N the row number the user sees in the
spreadsheet.  An import is all or nothing: if any row fails, nothing is saved.
"""

import csv
import io
import re
from decimal import Decimal, InvalidOperation

import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.results import Result, RowResult
from openpyxl.utils import get_column_letter

from governance.models import (
    AcademicYear,
    Course,
    Department,
    EducationalProgramme,
    Enrolment,
    School,
    StaffProfile,
    StudentProfile,
    Term,
    User,
)
from governance.models.calendar import TermKind
from governance.models.structure import NQF_LEVELS, ProgrammeLevel
from governance.multilingual import LANGUAGE_CODES
from governance.roles import Role

# --------------------------------------------------------------------------------------
# Cell values
# --------------------------------------------------------------------------------------

LIST_SEPARATORS = re.compile(r"[,;\s]+")


def cell_text(value):
    """A cell as trimmed text: spreadsheets give numbers (240, 240.0) where text is meant."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def is_blank(value):
    return cell_text(value) == ""


def split_list(value):
    """'kk, ru' or 'A;B C' → ['kk', 'ru'] / ['A', 'B', 'C'], without repeats."""
    items = [item for item in LIST_SEPARATORS.split(cell_text(value)) if item]
    return list(dict.fromkeys(items))


def row_message(number, message):
    """``number`` is the 1-based record index; the header is row 1, so the record is N + 1."""
    return _("row %(row)s: %(message)s") % {"row": number + 1, "message": message}


class CellError(ValueError):
    """A cell that cannot be used, with a message in words (``%(column)s`` is filled in)."""

    def __init__(self, message, **params):
        self.message = message
        self.params = params
        super().__init__(message)

    def text(self, column):
        return str(self.message % {"column": column, **self.params})

    def __str__(self):
        return self.text("")


# One catalogue entry each, used for one missing code (count=1) and for several.
PROGRAMME_NOT_FOUND = ngettext_lazy(
    "programme code %(value)s not found", "programme codes %(value)s not found", "count"
)
USER_NOT_FOUND = ngettext_lazy(
    "user with e-mail %(value)s not found", "users with e-mails %(value)s not found", "count"
)


# --------------------------------------------------------------------------------------
# Widgets
# --------------------------------------------------------------------------------------


class TextWidget(widgets.CharWidget):
    def __init__(self, upper=False, lower=False, **kwargs):
        self.upper = upper
        self.lower = lower
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if self.upper:
            text = text.upper()
        if self.lower:
            text = text.lower()
        return text


class EmailWidget(TextWidget):
    """An e-mail address; trimmed, lower-cased and checked."""

    def __init__(self, **kwargs):
        super().__init__(lower=True, **kwargs)

    def clean(self, value, row=None, **kwargs):
        email = super().clean(value, row, **kwargs)
        if email:
            check_email(email)
        return email


def check_email(email):
    try:
        validate_email(email)
    except ValidationError:
        raise CellError(gettext_lazy("e-mail %(value)s is not valid"), value=email) from None


class WholeNumberWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        try:
            number = Decimal(text.replace(" ", "").replace("\xa0", ""))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number != number.to_integral_value():
            raise CellError(
                gettext_lazy("%(column)s must be a whole number, not %(value)s"), value=text
            )
        return int(number)


class ChoiceWidget(widgets.Widget):
    """A choice given by its code (``bachelor``) or its label in any of the portal's languages."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def lookup(self):
        table = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for value, label in self.choices:
                    table.setdefault(str(label).casefold(), value)
        for value, _label in self.choices:
            table[str(value).casefold()] = value
        return table

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return ""
        try:
            return self.lookup()[text.casefold()]
        except KeyError:
            raise CellError(
                gettext_lazy("%(column)s: %(value)s is not one of %(choices)s"),
                value=text,
                choices=", ".join(str(value) for value, _label in self.choices),
            ) from None


class LanguagesWidget(widgets.Widget):
    """Languages of instruction as codes: ``kk,ru``."""

    def clean(self, value, row=None, **kwargs):
        codes = [code.lower() for code in split_list(value)]
        unknown = [code for code in codes if code not in LANGUAGE_CODES]
        if unknown:
            raise CellError(
                ngettext_lazy(
                    "%(column)s: unknown language code %(value)s (use %(choices)s)",
                    "%(column)s: unknown language codes %(value)s (use %(choices)s)",
                    "count",
                ),
                value=", ".join(unknown),
                count=len(unknown),
                choices=", ".join(LANGUAGE_CODES),
            )
        return codes

    def render(self, value, obj=None, **kwargs):
        return ",".join(value or [])


class CodeWidget(widgets.ForeignKeyWidget):
    """A foreign key given by a code (or e-mail), with "… not found" in words."""

    def __init__(self, model, field, not_found, upper=False, email=False, **kwargs):
        self.not_found = not_found
        self.upper = upper
        self.email = email
        super().__init__(model, field=field, **kwargs)

    def normalise(self, text):
        if self.upper:
            return text.upper()
        if self.email:
            return text.lower()
        return text

    def find(self, value, row=None, **kwargs):
        queryset = self.get_queryset(value, row, **kwargs)
        found = list(queryset.filter(**{self.field: value})[:2])
        if not found:
            found = list(queryset.filter(**{f"{self.field}__iexact": value})[:2])
        return found[0] if len(found) == 1 else None

    def clean(self, value, row=None, **kwargs):
        text = self.normalise(cell_text(value))
        if not text:
            return None
        if self.email:
            check_email(text)
        obj = self.find(text, row, **kwargs)
        if obj is None:
            raise CellError(self.not_found, value=text, count=1)
        return obj


class StudentWidget(CodeWidget):
    """A student given by e-mail; the person must have a student profile."""

    def __init__(self):
        super().__init__(User, "email", USER_NOT_FOUND, email=True)

    def clean(self, value, row=None, **kwargs):
        user = super().clean(value, row, **kwargs)
        if user is not None and not StudentProfile.objects.filter(user=user).exists():
            raise CellError(
                gettext_lazy("%(value)s is not a student (there is no student profile)"),
                value=user.email,
            )
        return user


class CodesWidget(widgets.ManyToManyWidget):
    """Several codes (or e-mails) in one cell, separated by commas."""

    def __init__(self, model, field, not_found, upper=False, email=False, **kwargs):
        self.not_found = not_found
        self.upper = upper
        self.email = email
        super().__init__(model, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        codes = split_list(value)
        if self.upper:
            codes = [code.upper() for code in codes]
        if self.email:
            codes = list(dict.fromkeys(code.lower() for code in codes))
            for code in codes:
                check_email(code)
        if not codes:
            return []
        lookup = f"{self.field}__in"
        found = {
            str(getattr(obj, self.field)): obj
            for obj in self.model.objects.filter(**{lookup: codes})
        }
        missing = [code for code in codes if code not in found]
        if missing:
            raise CellError(self.not_found, value=", ".join(missing), count=len(missing))
        return [found[code] for code in codes]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(str(getattr(item, self.field)) for item in value.all())


class TermWidget(widgets.Widget):
    """The term kind (``autumn``); the academic year comes from the row's ``academic_year``."""

    year_column = "academic_year"

    def __init__(self, **kwargs):
        self.kinds = ChoiceWidget(TermKind.choices)
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        kind = self.kinds.clean(value, row)
        year_name = cell_text((row or {}).get(self.year_column))
        if not kind or not year_name:
            return None  # the empty cell is reported on its own
        variants = {year_name, year_name.replace("–", "-"), year_name.replace("-", "–")}
        year = AcademicYear.objects.filter(name__in=variants).first()
        if year is None:
            raise CellError(gettext_lazy("academic year %(value)s not found"), value=year_name)
        term = Term.objects.filter(academic_year=year, kind=kind).first()
        if term is None:
            raise CellError(
                gettext_lazy("academic year %(year)s has no %(value)s term"),
                year=year.name,
                value=kind,
            )
        return term

    def render(self, value, obj=None, **kwargs):
        return value.kind if value else ""


def school_code():
    return CodeWidget(School, "code", gettext_lazy("school code %(value)s not found"))


def department_code():
    return CodeWidget(Department, "code", gettext_lazy("department code %(value)s not found"))


def user_email():
    return CodeWidget(User, "email", USER_NOT_FOUND, email=True)


# --------------------------------------------------------------------------------------
# Formats
# --------------------------------------------------------------------------------------


class SheetCSV(base_formats.CSV):
    """CSV as spreadsheet programs write it in Kazakhstan.

    Excel in Kazakh and Russian locales saves "CSV" with semicolons and, unless "CSV UTF-8"
    is chosen, in Windows-1251: both are accepted.  Blank lines are kept as blank rows, so
    the row numbers in messages match the file.
    """

    ENCODINGS = ("utf-8-sig", "cp1251")

    def is_binary(self):
        return True  # read as bytes: the encoding is worked out in create_dataset()

    def get_read_mode(self):
        return "rb"

    def export_data(self, dataset, **kwargs):
        # A byte order mark makes Excel read the exported UTF-8 (Cyrillic) correctly.
        return "\ufeff" + super().export_data(dataset, **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            for encoding in self.ENCODINGS:
                try:
                    in_stream = in_stream.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
            else:
                raise ValueError("the file is neither UTF-8 nor Windows-1251 text")
        in_stream = in_stream.lstrip("\ufeff")
        first_line = in_stream.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        rows = list(csv.reader(io.StringIO(in_stream), delimiter=delimiter))
        dataset = tablib.Dataset()
        if not rows:
            return dataset
        width = max(len(row) for row in rows)
        dataset.headers = rows[0] + [""] * (width - len(rows[0]))
        for row in rows[1:]:
            dataset.append(row + [""] * (width - len(row)))
        return dataset


SHEET_FORMATS = (base_formats.XLSX, SheetCSV)


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------


class SheetResult(Result):
    @property
    def error_messages(self):
        """Every problem in words: file-level ones first, then "row N: …" in row order."""
        messages = [str(error.error) for error in self.base_errors]
        numbered = []
        for row in self.error_rows:
            numbered.extend((row.number, str(error.error)) for error in row.errors)
        for row in self.invalid_rows:
            for texts in row.error_dict.values():
                numbered.extend((row.number, str(text)) for text in texts)
        numbered.sort(key=lambda item: item[0])
        return messages + [row_message(number, text) for number, text in numbered]


class SheetError(Exception):
    """A problem with the file as a whole (its columns)."""


# --------------------------------------------------------------------------------------
# Resources
# --------------------------------------------------------------------------------------


class SheetResource(resources.ModelResource):
    """Base for the importable sheets: checks columns, collects every problem of a row in
    words, runs the model's ``full_clean`` and rolls the whole file back on any error."""

    #: Columns that must be present and filled in on every row.
    required_columns = ()
    #: Column → key under which its problems are filed (defaults to the field's attribute).
    error_keys = {}
    #: Model fields that ``full_clean`` leaves to the resource.
    clean_exclude = ()
    #: Columns that identify a record (default: the import key); a repeat is an error.
    duplicate_columns = None

    class Meta:
        use_transactions = True
        report_skipped = False
        clean_model_instances = True

    def get_result_class(self):
        return SheetResult

    # --- columns ---------------------------------------------------------------------

    def column_names(self):
        return [field.column_name for field in self.get_import_fields()]

    def key_columns(self):
        if self.duplicate_columns:
            return list(self.duplicate_columns)
        return [self.fields[name].column_name for name in self.get_import_id_fields()]

    def check_columns(self, dataset):
        """Normalise the header row and say what is wrong with it, if anything."""
        problems = []
        raw = list(dataset.headers or [])
        headers = [cell_text(header).lower() for header in raw]
        known = self.column_names()
        for index, header in enumerate(headers):
            if not header and any(not is_blank(row[index]) for row in dataset):
                problems.append(
                    _("Column %(column)s has values but no name in row 1.")
                    % {"column": get_column_letter(index + 1)}
                )
        repeated = sorted({h for h in headers if h and headers.count(h) > 1})
        if repeated:
            problems.append(
                _("These columns appear more than once: %(columns)s.")
                % {"columns": ", ".join(repeated)}
            )
        unknown = [h for h in headers if h and h not in known]
        if unknown:
            problems.append(
                _("Unknown columns: %(columns)s. The columns of this sheet are: %(expected)s.")
                % {"columns": ", ".join(unknown), "expected": ", ".join(known)}
            )
        missing = [c for c in self.required_columns if c not in headers]
        if missing:
            problems.append(
                _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}
            )
        if raw and not problems:
            dataset.headers = headers
        return problems

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        problems = self.check_columns(dataset)
        if problems:
            result = self.get_result_class()()
            result.diff_headers = self.get_diff_headers()
            result.total_rows = len(dataset)
            for problem in problems:
                result.append_base_error(self.get_error_result_class()(SheetError(problem)))
            if raise_errors:
                raise SheetError(" ".join(problems))
            return result
        # All or nothing: a row that fails validation rolls back the rows before it too.
        return super().import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=raise_errors,
            use_transactions=use_transactions,
            collect_failed_rows=collect_failed_rows,
            rollback_on_validation_errors=True,
            **kwargs,
        )

    # --- rows ------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        self._seen_keys = {}

    def import_row(self, row, instance_loader, **kwargs):
        if all(is_blank(value) for value in row.values()):
            row_result = self.get_row_result_class()()
            row_result.import_type = RowResult.IMPORT_TYPE_SKIP
            return row_result
        return super().import_row(row, instance_loader, **kwargs)

    def before_import_row(self, row, **kwargs):
        columns = self.key_columns()
        key = tuple(cell_text(row.get(column)).casefold() for column in columns)
        if not all(key):
            return
        number = kwargs.get("row_number")
        first = self._seen_keys.setdefault(key, number)
        if first != number:
            raise ValidationError(
                _("this row repeats row %(first)s (the same %(columns)s)")
                % {"first": first + 1, "columns": ", ".join(columns)}
            )

    def save_instance(self, instance, is_create, row, **kwargs):
        # A database error in one row must not break the transaction of the whole file
        # (PostgreSQL refuses every later statement otherwise): give the save a savepoint.
        with transaction.atomic(using=self.get_db_connection_name()):
            super().save_instance(instance, is_create, row, **kwargs)

    def save_m2m(self, instance, row, **kwargs):
        with transaction.atomic(using=self.get_db_connection_name()):
            super().save_m2m(instance, row, **kwargs)

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except (ValueError, ValidationError, ObjectDoesNotExist):
            return None  # the bad key cell is reported by import_instance()

    def error_key(self, field):
        return self.error_keys.get(field.column_name) or field.attribute or field.column_name

    def column_for_key(self, key):
        fields_ = self.get_import_fields()
        for field in fields_:
            if field.attribute == key:
                return field.column_name
        for field in fields_:
            if self.error_key(field) == key:
                return field.column_name
        return key

    @staticmethod
    def is_m2m(field):
        return isinstance(field.widget, widgets.ManyToManyWidget)

    def import_instance(self, instance, row, **kwargs):
        """Read every cell, collecting all problems of the row instead of stopping at one."""
        errors = {}
        fields_by_column = {field.column_name: field for field in self.get_import_fields()}
        for column in self.required_columns:
            if is_blank(row.get(column)):
                field = fields_by_column.get(column)
                key = self.error_key(field) if field else column
                errors.setdefault(key, []).append(
                    _("column %(column)s is empty") % {"column": column}
                )
        values = {}
        for field in self.get_import_fields():
            key = self.error_key(field)
            if field.column_name not in row or key in errors:
                continue
            try:
                value = field.clean(row, **kwargs)
            except CellError as error:
                errors[key] = [error.text(field.column_name)]
                continue
            except ValidationError as error:
                errors[key] = [self.column_error(field.column_name, m) for m in error.messages]
                continue
            except (ValueError, ObjectDoesNotExist) as error:
                errors[key] = [self.column_error(field.column_name, error)]
                continue
            values[field.column_name] = value
            if field.readonly or self.is_m2m(field) or not field.attribute:
                continue
            setattr(instance, field.attribute, value)
        self.import_related(instance, row, values, errors)
        if errors:
            raise ValidationError(errors)

    def import_related(self, instance, row, values, errors):
        """Hook: derived values and checks that span several cells."""

    @staticmethod
    def column_error(column, message):
        return _("%(column)s: %(error)s") % {"column": column, "error": message}

    def full_clean_into(self, obj, exclude, errors, prefix=""):
        try:
            obj.full_clean(exclude=exclude, validate_unique=True)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name == NON_FIELD_ERRORS:
                    errors.setdefault(NON_FIELD_ERRORS, []).extend(messages)
                    continue
                key = prefix + name
                column = self.column_for_key(key)
                errors.setdefault(key, []).extend(
                    self.column_error(column, message) for message in messages
                )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = {key: list(value) for key, value in (import_validation_errors or {}).items()}
        exclude = {key.split("__")[0] for key in errors} | set(self.clean_exclude)
        self.full_clean_into(instance, exclude, errors)
        self.validate_related(instance, errors)
        if errors:
            raise ValidationError(self.in_column_order(errors))

    def in_column_order(self, errors):
        """The problems of a row in the order of its columns, row-wide ones last."""
        columns = self.column_names()

        def position(key):
            column = self.column_for_key(key)
            return columns.index(column) if column in columns else len(columns)

        return {key: errors[key] for key in sorted(errors, key=position)}

    def validate_related(self, instance, errors):
        """Hook: validate other objects the row creates (the person behind a profile)."""


class SchoolResource(SheetResource):
    code = fields.Field("code", "code", TextWidget())
    name_kk = fields.Field("name_kk", "name_kk", TextWidget())
    name_ru = fields.Field("name_ru", "name_ru", TextWidget())
    name_en = fields.Field("name_en", "name_en", TextWidget())
    dean = fields.Field("dean", "dean", user_email())

    required_columns = ("code", "name_kk")

    class Meta:
        model = School
        fields = ("code", "name_kk", "name_ru", "name_en", "dean")
        import_id_fields = ("code",)


class DepartmentResource(SheetResource):
    code = fields.Field("code", "code", TextWidget())
    school = fields.Field("school", "school", school_code())
    name_kk = fields.Field("name_kk", "name_kk", TextWidget())
    name_ru = fields.Field("name_ru", "name_ru", TextWidget())
    name_en = fields.Field("name_en", "name_en", TextWidget())

    required_columns = ("code", "school", "name_kk")

    class Meta:
        model = Department
        fields = ("code", "school", "name_kk", "name_ru", "name_en")
        import_id_fields = ("code",)

    def get_queryset(self):
        return super().get_queryset().select_related("school")


class ProgrammeResource(SheetResource):
    code = fields.Field("code", "code", TextWidget(upper=True))
    name_kk = fields.Field("name_kk", "name_kk", TextWidget())
    name_ru = fields.Field("name_ru", "name_ru", TextWidget())
    name_en = fields.Field("name_en", "name_en", TextWidget())
    level = fields.Field("level", "level", ChoiceWidget(ProgrammeLevel.choices))
    nqf_level = fields.Field("nqf_level", "nqf_level", WholeNumberWidget())
    credits = fields.Field("credits", "credits", WholeNumberWidget())
    school = fields.Field("school", "school", school_code())
    languages = fields.Field("languages", "languages", LanguagesWidget())

    required_columns = ("code", "name_kk", "level", "credits", "school", "languages")

    class Meta:
        model = EducationalProgramme
        fields = (
            "code",
            "name_kk",
            "name_ru",
            "name_en",
            "level",
            "nqf_level",
            "credits",
            "school",
            "languages",
        )
        import_id_fields = ("code",)

    def get_queryset(self):
        return super().get_queryset().select_related("school")

    def import_related(self, instance, row, values, errors):
        """An empty NQF level follows from the degree; a wrong one is reported in words."""
        level = values.get("level")
        if not level or "level" in errors or "nqf_level" in errors:
            return
        expected = NQF_LEVELS.get(level)
        nqf_level = values.get("nqf_level")
        if nqf_level is None:
            instance.nqf_level = expected
        elif expected and nqf_level != expected:
            errors["nqf_level"] = [
                _("NQF level must be %(expected)s for a %(level)s programme")
                % {"expected": expected, "level": ProgrammeLevel(level).label}
            ]


class CourseResource(SheetResource):
    code = fields.Field("code", "code", TextWidget())
    title_kk = fields.Field("title_kk", "title_kk", TextWidget())
    title_ru = fields.Field("title_ru", "title_ru", TextWidget())
    title_en = fields.Field("title_en", "title_en", TextWidget())
    credits = fields.Field("credits", "credits", WholeNumberWidget())
    department = fields.Field("department", "department", department_code())
    programmes = fields.Field(
        "programmes",
        "programmes",
        CodesWidget(EducationalProgramme, "code", PROGRAMME_NOT_FOUND, upper=True),
    )
    teachers = fields.Field(
        "teachers",
        "teachers",
        CodesWidget(User, "email", USER_NOT_FOUND, email=True),
    )

    required_columns = ("code", "title_kk", "credits", "programmes")

    class Meta:
        model = Course
        fields = (
            "code",
            "title_kk",
            "title_ru",
            "title_en",
            "credits",
            "department",
            "programmes",
            "teachers",
        )
        import_id_fields = ("code",)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("department")
            .prefetch_related("programmes", "teachers")
        )


class PersonResource(SheetResource):
    """A profile together with the person's account, found or created by e-mail."""

    email = fields.Field("user__email", "email", EmailWidget(), readonly=True)
    full_name_kk = fields.Field("user__full_name_kk", "full_name_kk", TextWidget(), readonly=True)
    full_name_ru = fields.Field("user__full_name_ru", "full_name_ru", TextWidget(), readonly=True)
    full_name_en = fields.Field("user__full_name_en", "full_name_en", TextWidget(), readonly=True)
    preferred_language = fields.Field(
        "user__preferred_language",
        "preferred_language",
        ChoiceWidget(settings.LANGUAGES),
        readonly=True,
    )

    user_columns = ("full_name_kk", "full_name_ru", "full_name_en", "preferred_language")
    clean_exclude = ("user",)

    def get_queryset(self):
        return super().get_queryset().select_related("user")

    def check_existing_user(self, instance, user, errors):
        """Hook: may this existing account take the profile of the row?"""

    def import_related(self, instance, row, values, errors):
        email = values.get("email")
        if instance.user_id:
            user = instance.user
            if email and email != user.email:
                if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
                    errors["user__email"] = [
                        _("e-mail %(value)s already belongs to another person") % {"value": email}
                    ]
                else:
                    user.email = email
        else:
            user = User.objects.filter(email__iexact=email).first() if email else None
            if user is not None:
                self.check_existing_user(instance, user, errors)
            else:
                user = User(email=email or "")
        for column in self.user_columns:
            if column not in values:
                continue
            value = values[column]
            if column == "preferred_language" and not value:
                if user.pk:
                    continue
                value = settings.LANGUAGE_CODE
            setattr(user, column, value)
        instance.user = user

    def validate_related(self, instance, errors):
        exclude = {"password", "last_login"} | {
            key.removeprefix("user__") for key in errors if key.startswith("user__")
        }
        self.full_clean_into(instance.user, exclude, errors, prefix="user__")

    def do_instance_save(self, instance, is_create):
        user = instance.user
        if user.pk is None:
            user.set_unusable_password()  # the person sets a password by the reset e-mail
        user.save()
        instance.user = user
        super().do_instance_save(instance, is_create)


class StaffResource(PersonResource):
    school = fields.Field("school", "school", school_code())
    department = fields.Field("department", "department", department_code())
    position_kk = fields.Field("position_kk", "position_kk", TextWidget())
    position_ru = fields.Field("position_ru", "position_ru", TextWidget())
    position_en = fields.Field("position_en", "position_en", TextWidget())

    required_columns = ("email", "full_name_kk")

    class Meta:
        model = StaffProfile
        fields = (
            "email",
            "full_name_kk",
            "full_name_ru",
            "full_name_en",
            "preferred_language",
            "school",
            "department",
            "position_kk",
            "position_ru",
            "position_en",
        )
        import_id_fields = ("email",)

    def import_related(self, instance, row, values, errors):
        super().import_related(instance, row, values, errors)
        department = values.get("department")
        if department is not None and values.get("school") is None and "school" not in errors:
            instance.school = department.school  # the school follows from the department

    def do_instance_save(self, instance, is_create):
        super().do_instance_save(instance, is_create)
        instance.user.add_role(Role.TEACHER)


class StudentResource(PersonResource):
    student_number = fields.Field("student_number", "student_number", TextWidget())
    programme = fields.Field(
        "programme",
        "programme",
        CodeWidget(EducationalProgramme, "code", PROGRAMME_NOT_FOUND, upper=True),
    )
    year_of_study = fields.Field("year_of_study", "year_of_study", WholeNumberWidget())

    required_columns = ("student_number", "email", "full_name_kk", "programme", "year_of_study")

    class Meta:
        model = StudentProfile
        fields = (
            "student_number",
            "email",
            "full_name_kk",
            "full_name_ru",
            "full_name_en",
            "preferred_language",
            "programme",
            "year_of_study",
        )
        import_id_fields = ("student_number",)

    def get_queryset(self):
        return super().get_queryset().select_related("programme")

    def check_existing_user(self, instance, user, errors):
        other = StudentProfile.objects.filter(user=user).first()
        if other is not None:
            errors["user__email"] = [
                _("e-mail %(value)s already belongs to student number %(number)s")
                % {"value": user.email, "number": other.student_number}
            ]


class EnrolmentResource(SheetResource):
    student = fields.Field("student", "student", StudentWidget())
    course = fields.Field(
        "course",
        "course",
        CodeWidget(Course, "code", gettext_lazy("course code %(value)s not found")),
    )
    academic_year = fields.Field(
        "term__academic_year__name", "academic_year", TextWidget(), readonly=True
    )
    term = fields.Field("term", "term", TermWidget())

    required_columns = ("student", "course", "academic_year", "term")
    duplicate_columns = ("student", "course", "academic_year", "term")
    # An empty or unknown academic year makes the term unusable: report both under "term".
    error_keys = {"academic_year": "term"}

    class Meta:
        model = Enrolment
        fields = ("student", "course", "academic_year", "term")
        import_id_fields = ("student", "course", "term")

    def get_queryset(self):
        return super().get_queryset().select_related("student", "course", "term__academic_year")
