"""Names sort as a reader expects, accents and case aside, on PostgreSQL and on SQLite."""

import re

import pytest
from django.urls import reverse

from cooperation.models import Body, Domain, Partnership
from tests.admin_urls import admin_url
from tests.factories import indexed_once, make_body, make_domain, make_partnership

pytestmark = pytest.mark.django_db

IN_ORDER = ["Hanoï", "Hô Chi Minh-Ville", "Hué", "Huế Thừa Thiên", "Óbuda"]


@pytest.fixture
def cities():
    with indexed_once():
        bodies = [make_body(name) for name in reversed(IN_ORDER)]
        lyon = make_body("Lyon")
        for body in bodies:
            make_partnership(body, lyon, name=f"{body.name} – Lyon")
    return bodies


def test_the_database_orders_names_without_regard_to_accents(cities):
    assert list(Body.objects.exclude(name="Lyon").values_list("name", flat=True)) == IN_ORDER
    descending = Body.objects.exclude(name="Lyon").order_by("-name")
    assert list(descending.values_list("name", flat=True)) == IN_ORDER[::-1]


def test_equality_still_tells_accents_apart(cities):
    assert not Body.objects.filter(name="Hue").exists()
    make_domain("Éducation")
    make_domain("Education")  # two domains, however alike: the unique name stays exact
    assert Domain.objects.filter(name__startswith="Ed").count() == 1


def test_the_directory_lists_partnerships_by_name(client, cities):
    page = client.get(reverse("cooperation:partnership-list")).text
    names = re.findall(r'class="card-title" lang="fr"><a href="[^"]+">([^<]+) – Lyon</a>', page)
    assert names == IN_ORDER


def test_the_admin_lists_and_sorts_by_name(staff_client, cities):
    def listed(**params):
        page = staff_client.get(admin_url(Body, "changelist"), params).text
        return re.findall(r'<th class="field-name"><a href="[^"]+">([^<]+)</a>', page)

    assert [name for name in listed() if name != "Lyon"] == IN_ORDER
    assert [name for name in listed(o="-1") if name != "Lyon"] == IN_ORDER[::-1]
    page = staff_client.get(admin_url(Partnership, "changelist")).text
    assert re.findall(r'<th class="field-name"><a href="[^"]+">([^<]+) – Lyon</a>', page) == IN_ORDER
