"""Counts of thousands read as numbers: « 2 975 partenariats », « 2,975 partnerships »."""

from types import SimpleNamespace

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils.translation import override


class Rows(list):
    """A page's rows standing for many more: only the count is large."""

    def count(self):
        return 2975


@pytest.fixture
def page():
    return Paginator(Rows(range(20)), 20).page(1)


@pytest.mark.parametrize(("language", "shown"), [("fr", "2\xa0975"), ("en", "2,975")])
def test_a_large_count_is_grouped_by_thousands(page, language, shown):
    request = RequestFactory().get("/partenariats/")
    with override(language):
        section = render_to_string(
            "cooperation/includes/partnership_section.html",
            {"partnerships": page, "empty": ""},
            request=request,
        )
        heading = render_to_string(
            "cooperation/partnership_list.html",
            {"paginator": page.paginator, "page_obj": page, "facets": []},
            request=request,
        )
        facet = render_to_string(
            "cooperation/includes/facet.html",
            {
                "facet": SimpleNamespace(
                    field=None, options=[SimpleNamespace(value="fr", label="France", count=2975)]
                )
            },
        )
    assert f"({shown})" in section
    assert f"{shown} partnerships" in heading or f"{shown} partenariats" in heading
    assert f"France ({shown})" in facet
