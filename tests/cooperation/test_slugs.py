"""Slugs hold a whole long name, and generated ones are cut between words."""

import re

import pytest

from cooperation import generator
from cooperation.models import Agreement, Body, Delegation, Event, Partnership, Person
from tests.admin_urls import admin_url

pytestmark = pytest.mark.django_db

LONG_TITLE = "Protocole de coopération décentralisée entre la Ville de Hué et la Ville de Namur 2024-2029"


@pytest.mark.parametrize("model", [Agreement, Body, Delegation, Event, Partnership, Person])
def test_slug_fields_take_a_whole_long_title(model):
    assert model._meta.get_field("slug").max_length >= 250


def test_the_admin_slug_widget_allows_the_whole_title(staff_client):
    page = staff_client.get(admin_url(Delegation, "add")).text
    assert re.search(r'<input type="text" name="slug"[^>]* maxlength="250"', page)


def test_a_generated_slug_is_cut_between_words():
    slug = generator.make_slug("a", 12, LONG_TITLE)
    assert len(slug) <= 50
    assert slug == f"{generator.PREFIX}a12-protocole-de-cooperation-decentralisee"
    assert generator.slug_words("anticonstitutionnellement", 10) == "anticonsti"
