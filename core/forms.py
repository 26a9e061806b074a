"""Form pieces the admin forms of several apps share: multi-line texts, partial dates, numbered
inline rows."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from .dates import Precision

YEAR = re.compile(r"^\s*(\d{4})\s*$")
MONTH = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4}))\s*$")


class PartialDate(datetime.date):
    """A date typed as a year or a month: its first day, and how precise it was."""

    precision = Precision.DAY

    @classmethod
    def of(cls, year, month, precision):
        value = cls(year, month, 1)
        value.precision = precision
        return value


class PartialDateField(forms.DateField):
    """A date field that also takes a year (« 1997 ») or a month (« 2024-10 », « 10/2024 »).

    A partial value comes out as a `PartialDate`; `PartialDateFormMixin` then sets the form's
    precision field from it.
    """

    default_error_messages = {
        "invalid": _("Saisissez une date (24/05/2024), un mois (05/2024 ou 2024-05) ou une année (2024)."),
    }

    def to_python(self, value):
        if isinstance(value, str):
            if year := YEAR.match(value):
                return PartialDate.of(int(year[1]), 1, Precision.YEAR)
            if month := MONTH.match(value):
                year, number = (month[1], month[2]) if month[1] else (month[4], month[3])
                if not 1 <= int(number) <= 12:
                    raise ValidationError(self.error_messages["invalid"], code="invalid")
                return PartialDate.of(int(year), int(number), Precision.MONTH)
        return super().to_python(value)

    def has_changed(self, initial, data):
        # The initial value may be the text shown (« 1997 »): compare dates, not texts.
        if self.disabled:
            return False
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


def partial_date_text(value, precision):
    """How a stored partial date reads back in its field: « 1997 », « 10/1997 » or the full date."""
    if value is None or precision == Precision.DAY:
        return value
    if precision == Precision.YEAR:
        return f"{value.year}"
    return f"{value.month:02}/{value.year}"


class PartialDateFormMixin:
    """For a model form whose dates have a precision field: `partial_dates = {date: precision}`.

    Staff type « 1997 » or « 10/2024 » and the precision follows; a full date keeps the precision
    chosen beside it. A stored year or month reads back as typed.
    """

    partial_dates = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for date_name, precision_name in self.partial_dates.items():
            if date_name not in self.fields:
                continue
            old = self.fields[date_name]
            self.fields[date_name] = PartialDateField(
                required=old.required,
                label=old.label,
                widget=old.widget,
                help_text=old.help_text or _("Une date, un mois (10/2024) ou une année (2024)."),
                localize=old.localize,
                initial=old.initial,  # e.g. an article's date: today
            )
            value = self.initial.get(date_name)
            precision = self.initial.get(precision_name)
            if isinstance(value, datetime.date) and precision:
                self.initial[date_name] = partial_date_text(value, precision)

    def clean(self):
        cleaned = super().clean()
        for date_name, precision_name in self.partial_dates.items():
            value = cleaned.get(date_name)
            if isinstance(value, PartialDate):
                cleaned[precision_name] = value.precision
                cleaned[date_name] = datetime.date(value.year, value.month, value.day)
        return cleaned


class PartialDateModelForm(PartialDateFormMixin, forms.ModelForm):
    pass


class PositionedInlineFormSet(BaseInlineFormSet):
    """Inline rows numbered by a `position` field: new rows left at 0 or blank go after the others.

    Done on the submitted data, before validation, so two new rows never clash on position 0.
    """

    position_field = "position"

    def full_clean(self):
        if self.is_bound:
            self.number_new_rows()
        super().full_clean()

    def number_new_rows(self):
        data = self.data.copy()
        taken, unnumbered = [], []
        for index, form in enumerate(self.forms):
            key = form.add_prefix(self.position_field)
            raw = (data.get(key) or "").strip()
            is_new = index >= self.initial_form_count()
            if is_new and not form.has_changed():
                continue  # an extra row left empty
            if raw in {"", "0"} and (is_new or raw == ""):
                unnumbered.append(key)
            elif raw.isdigit():
                taken.append(int(raw))
        if not unnumbered:
            return
        position = max(taken, default=0)
        for key in unnumbered:
            position += 1
            data[key] = str(position)
        self.data = data
        for form in self.forms:
            form.data = data
            form.__dict__.pop("changed_data", None)


class MultilineField(forms.CharField):
    """A textarea's text, with line breaks stored as "\\n".

    Browsers send a textarea's line breaks as "\\r\\n": without this, every save of an unchanged
    multi-line text reported it changed (« Modification de Texte ») and stored "\\r\\n" for "\\n".
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value

    def has_changed(self, initial, data):
        # Compare like with like: the stored text as this field would clean it (a fixture's
        # trailing newline is stripped too).
        if self.disabled:
            return False
        return self.to_python(initial if initial is not None else "") != self.to_python(data)
