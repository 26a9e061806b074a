from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from cooperation.models import Country, Domain, Partnership

from .models import Subscriber, normalize_email


class PagePathField(forms.CharField):
    """The page a form was sent from: kept when it is a local path, silently dropped otherwise."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)
        self.validators = []

    def to_python(self, value):
        value = super().to_python(value)
        if "\x00" in value or not value.startswith("/") or value.startswith("//"):
            return ""
        return value[:200]


def language_choices():
    """Each language in its own words, marked with its code: « Français », « English » (never
    « Anglais »: a reader looks for the name of their language)."""
    return [
        (
            code,
            format_html(
                '<span lang="{}">{}</span>', code, get_language_info(code)["name_local"].capitalize()
            ),
        )
        for code, _name in settings.LANGUAGES
    ]


def interest_fields():
    countries = Country.objects.in_atlas()
    return {
        "domains": forms.ModelMultipleChoiceField(
            Domain.objects.all(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Domaines de coopération"),
        ),
        "countries": forms.ModelMultipleChoiceField(
            countries, required=False, widget=forms.CheckboxSelectMultiple, label=_("Pays")
        ),
        "partnerships": forms.ModelMultipleChoiceField(
            Partnership.objects.published(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Partenariats"),
        ),
    }


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(
        label=_("Langue de la lettre"), choices=language_choices, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(
        label=_("J'accepte de recevoir la lettre d'actualités à cette adresse."),
        error_messages={"required": _("Cochez la case pour donner votre accord.")},
    )
    # Honeypot: hidden from people, filled in by naive bots.
    website = forms.CharField(
        label=_("Ne remplissez pas ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    source = PagePathField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(interest_fields())
        self.fields["language"].initial = (get_language() or "fr")[:2]

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = Subscriber
        fields = ["language", "domains", "countries", "partnerships"]
        widgets = {"language": forms.RadioSelect}
        labels = {"language": _("Langue de la lettre")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(interest_fields())
        self.fields["language"].choices = language_choices()
