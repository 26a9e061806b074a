from django import forms
from django.utils.translation import gettext_lazy as _

from core import search

from .filters import SlugChoiceField
from .models import Body, Domain, Office


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), max_length=search.QUERY_MAX_LENGTH, required=False)


class PartnersOfForm(forms.Form):
    de = SlugChoiceField(label=_("Partenaires de"), queryset=Body.objects.none(), to_field_name="slug")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["de"].queryset = Body.objects.published()  # published now, not at import


class OfficeOfPersonMixin:
    """For a model form with office pickers: `office_fields = {office field: person field}`.

    Each picker offers only the offices of the person chosen in the same form (as saved, or as
    just submitted), labelled with whose office it is, where and when; an office of anyone else
    is refused. A plain select, so it works without JavaScript.
    """

    office_fields = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for office_name, person_name in self.office_fields.items():
            field = self.fields.get(office_name)
            if field is None:
                continue
            person_id = self.chosen_pk(person_name)
            offices = Office.objects.select_related("person", "body").order_by("start_on", "title")
            field.queryset = offices.filter(person_id=person_id) if person_id else offices.none()
            field.label_from_instance = Office.described
            field.error_messages["invalid_choice"] = _(
                "Cette fonction n'est pas une de celles de la personne choisie : choisissez la personne, "
                "puis l'une de ses fonctions (ou laissez vide pour la déduire de la date)."
            )
            if not person_id:
                field.help_text = _(
                    "Choisissez d'abord la personne et enregistrez pour voir ses fonctions ; laissée vide, "
                    "la fonction est déduite de la date quand la personne n'en avait qu'une."
                )

    def chosen_pk(self, name):
        if self.is_bound:
            value = self.data.get(self.add_prefix(name), "")
            return int(value) if str(value).isdigit() else None
        return self.initial.get(name) or getattr(self.instance, f"{name}_id", None)


class OfficeOfPersonForm(OfficeOfPersonMixin, forms.ModelForm):
    pass


class DomainForm(forms.Form):
    domain = forms.ModelChoiceField(Domain.objects.all(), label=_("Domaine"))
