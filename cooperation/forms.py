from django import forms
from django.utils.translation import gettext_lazy as _

from core import search


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), max_length=search.QUERY_MAX_LENGTH, required=False)
