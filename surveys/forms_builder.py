"""Forms of the questionnaire builder: a questionnaire, a section, a question and its options.

Options come as formsets, so every change works as a plain form POST: the options of a choice
question and the lines of a matrix (each row in kk/ru/en, with an order number and a delete
box), and the labels of the five points of a Likert or matrix scale (empty: the standard label).
"""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from governance.multilingual import LANGUAGE_CODES

from .models import Choice, MatrixItem, Question, QuestionKind, Questionnaire, Section
from .models.questionnaires import CHOICE_KINDS, LIKERT_VALUES, SCALE_KINDS
from .questions import LIKERT_LABELS

TEXTAREA = forms.Textarea(attrs={"rows": 2})


class QuestionnaireForm(forms.ModelForm):
    """A new questionnaire, or its titles and purpose; the code is fixed once created (the
    shipped questionnaires are found again by it, ``surveys.shipped``)."""

    class Meta:
        model = Questionnaire
        fields = ["code", "title_kk", "title_ru", "title_en", "purpose", "respondents"]
        help_texts = {
            "code": _(
                "Latin letters, digits and hyphens, e.g. library-survey; it cannot change later."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["code"].disabled = True


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title_kk", "title_ru", "title_en", "per_teacher"]


class QuestionForm(forms.ModelForm):
    """A question's type (when editing), texts, whether it must be answered and, for a number,
    its bounds. A new question's type comes from the page it is added on."""

    class Meta:
        model = Question
        fields = ["kind", "text_kk", "text_ru", "text_en", "required", "min_value", "max_value"]
        widgets = {"text_kk": TEXTAREA, "text_ru": TEXTAREA, "text_en": TEXTAREA}
        help_texts = {
            "min_value": _("Only for a number question."),
            "max_value": _("Only for a number question."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        adding = self.instance.pk is None
        if adding:
            del self.fields["kind"]
        if adding and self.instance.kind != QuestionKind.NUMERIC:
            del self.fields["min_value"]
            del self.fields["max_value"]
        if self.instance.kind == QuestionKind.HEADING and adding:
            del self.fields["required"]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind", self.instance.kind)
        if kind == QuestionKind.HEADING and "required" in self.fields:
            cleaned["required"] = False
        if kind != QuestionKind.NUMERIC and "min_value" in self.fields:
            # Bounds left over from another type are dropped, not refused.
            cleaned["min_value"] = cleaned["max_value"] = None
        return cleaned


class _TextRowForm(forms.Form):
    """One row in three languages; the Kazakh text is required (the model's default language)."""

    model = None
    prefix_field = ""
    kazakh_required = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.names():
            field = self.model._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=field.verbose_name,
                max_length=field.max_length,
                required=self.kazakh_required and name.endswith("_kk"),
            )

    def names(self):
        return [f"{self.prefix_field}_{code}" for code in LANGUAGE_CODES]

    def texts(self):
        return {name: self.cleaned_data[name] for name in self.names()}


class ChoiceRowForm(_TextRowForm):
    model = Choice
    prefix_field = "label"


class MatrixItemRowForm(_TextRowForm):
    model = MatrixItem
    prefix_field = "text"


class _RowFormSet(forms.BaseFormSet):
    minimum = 1
    too_few = ""

    def clean(self):
        # A damaged management form is reported already, and leaves no rows to count.
        if any(self.errors) or self.non_form_errors():
            return
        if len(self.rows()) < self.minimum:
            raise forms.ValidationError(self.too_few)

    def rows(self):
        """The kept rows' texts, in the order given by their numbers."""
        return [form.texts() for form in self.ordered_forms]


class ChoiceFormSet(_RowFormSet):
    minimum = 2
    too_few = _("Give at least two options.")


class MatrixItemFormSet(_RowFormSet):
    minimum = 1
    too_few = _("Give at least one line.")


ChoiceRows = formset_factory(
    ChoiceRowForm, formset=ChoiceFormSet, extra=3, can_order=True, can_delete=True
)
MatrixItemRows = formset_factory(
    MatrixItemRowForm, formset=MatrixItemFormSet, extra=3, can_order=True, can_delete=True
)


class ScaleLabelForm(_TextRowForm):
    """The label of one scale point; all empty keeps the standard label."""

    model = Choice
    prefix_field = "label"
    kazakh_required = False

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("label_ru") or cleaned.get("label_en")) and not cleaned.get("label_kk"):
            self.add_error("label_kk", _("Give the Kazakh label as well."))
        return cleaned


class ScaleLabelFormSet(forms.BaseFormSet):
    def labels(self):
        """{scale point: texts} for the points given a label of their own."""
        return {
            value: form.cleaned_data
            for value, form in zip(LIKERT_VALUES, self.forms, strict=True)
            if form.cleaned_data.get("label_kk")
        }

    def points(self):
        """(scale point, standard label, form) for the template. A post with another number
        of forms (refused by validate_min/max) shows the forms it has."""
        return [
            (value, LIKERT_LABELS[value], form)
            for value, form in zip(LIKERT_VALUES, self.forms, strict=False)
        ]


ScaleLabels = formset_factory(
    ScaleLabelForm,
    formset=ScaleLabelFormSet,
    extra=0,
    min_num=len(LIKERT_VALUES),
    max_num=len(LIKERT_VALUES),
    validate_min=True,
    validate_max=True,
)


def option_formsets(question, data=None):
    """The formsets a question of its type has: ``choices``, ``labels`` and/or ``items``,
    filled from its present rows (``question`` may be unsaved)."""
    formsets = {}
    saved = question.pk is not None
    if question.kind in CHOICE_KINDS:
        initial = [
            {"label_kk": c.label_kk, "label_ru": c.label_ru, "label_en": c.label_en, "ORDER": n}
            for n, c in enumerate(question.choices.order_by("value") if saved else [], 1)
        ]
        formsets["choices"] = ChoiceRows(data, initial=initial, prefix="choice")
    if question.kind in SCALE_KINDS:
        given = {c.value: c for c in question.choices.all()} if saved else {}
        initial = [
            {
                "label_kk": given[value].label_kk,
                "label_ru": given[value].label_ru,
                "label_en": given[value].label_en,
            }
            if value in given
            else {}
            for value in LIKERT_VALUES
        ]
        formsets["labels"] = ScaleLabels(data, initial=initial, prefix="label")
    if question.kind == QuestionKind.MATRIX:
        initial = [
            {"text_kk": i.text_kk, "text_ru": i.text_ru, "text_en": i.text_en, "ORDER": i.position}
            for i in (question.items.order_by("position") if saved else [])
        ]
        formsets["items"] = MatrixItemRows(data, initial=initial, prefix="item")
    return formsets


def option_rows(formsets):
    """The keyword arguments of ``surveys.builder.save_question`` from valid formsets."""
    rows = {}
    if "choices" in formsets:
        rows["choices"] = formsets["choices"].rows()
    if "labels" in formsets:
        rows["labels"] = formsets["labels"].labels()
    if "items" in formsets:
        rows["items"] = formsets["items"].rows()
    return rows
