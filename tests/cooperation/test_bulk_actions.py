"""The admin's bulk actions: add a tag or a domain to the selected partnerships, a tag to articles."""

import pytest
from django.contrib.messages import get_messages
from taggit.models import Tag

from articles.models import Article
from cooperation import indexing
from cooperation.models import Partnership
from tests.admin_urls import admin_url
from tests.factories import make_article, make_domain, make_partnership

pytestmark = [pytest.mark.django_db, pytest.mark.on_commit]

CHANGELIST = admin_url(Partnership, "changelist")


@pytest.fixture
def refreshes(monkeypatch):
    """The slugs `indexing.refresh` was called with, call by call."""
    calls = []
    real = indexing.refresh

    def counting(partnerships):
        calls.append(sorted(partnerships.values_list("slug", flat=True)))
        return real(partnerships)

    monkeypatch.setattr(indexing, "refresh", counting)
    return calls


@pytest.fixture
def partnerships():
    return [
        make_partnership(name=name) for name in ("Hué – Namur", "Lyon – Hô Chi Minh-Ville", "Dakar – Lille")
    ]


def act(client, url, action, rows, **data):
    return client.post(url, {"action": action, "_selected_action": [row.pk for row in rows], **data})


def test_the_action_asks_for_the_tag_on_a_page_of_its_own(staff_client, partnerships):
    response = act(staff_client, CHANGELIST, "add_tag", partnerships[:2])
    assert response.status_code == 200
    page = response.text
    assert "Pour les 2 partenariats sélectionnés" in page
    assert "<li>Hué – Namur</li>" in page and "Dakar – Lille" not in page
    assert page.count('name="_selected_action"') == 2 and 'name="tag"' in page
    assert not Partnership.objects.filter(tags__isnull=False).exists()


def test_adding_a_tag_tags_the_selection_and_refreshes_the_search_once(
    staff_client, partnerships, refreshes, django_capture_on_commit_callbacks
):
    hue, lyon, dakar = partnerships
    hue.tags.add("francophonie")
    indexing.queue.run()  # what setting up queued
    refreshes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = act(staff_client, CHANGELIST, "add_tag", [hue, lyon], tag="Francophonie", apply="1")

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Mot-clé « francophonie » ajouté à 1 élément (1 l'avaient déjà)."
    ]
    assert Tag.objects.filter(name__iexact="francophonie").count() == 1  # the existing tag, whatever its case
    assert set(Partnership.objects.filter(tags__name="francophonie")) == {hue, lyon}
    assert len(refreshes) == 1 and lyon.slug in refreshes[0] and dakar.slug not in refreshes[0]
    assert "francophonie" in Partnership.objects.get(pk=lyon.pk).search_b


def test_adding_a_domain_to_the_selection(
    staff_client, partnerships, refreshes, django_capture_on_commit_callbacks
):
    hue, lyon, dakar = partnerships
    heritage = make_domain("Patrimoine")
    indexing.queue.run()
    refreshes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = act(staff_client, CHANGELIST, "add_domain", [hue, lyon], domain=heritage.pk, apply="1")

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Domaine « Patrimoine » ajouté à 2 partenariats (0 l'avaient déjà)."
    ]
    assert set(heritage.partnerships.all()) == {hue, lyon}
    assert len(refreshes) == 1 and dakar.slug not in refreshes[0]
    assert "Patrimoine" in Partnership.objects.get(pk=hue.pk).search_b


def test_select_across_every_row_of_the_filtered_list(
    staff_client, partnerships, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"{CHANGELIST}?q=Namur",
            {
                "action": "add_tag",
                "_selected_action": [partnerships[0].pk],
                "select_across": "1",
                "tag": "eau",
                "apply": "1",
            },
        )
    assert response.status_code == 302
    assert list(Partnership.objects.filter(tags__name="eau")) == [partnerships[0]]


def test_a_bad_choice_shows_the_form_again(staff_client, partnerships):
    response = act(staff_client, CHANGELIST, "add_tag", partnerships, tag="eau, assainissement", apply="1")
    assert response.status_code == 200
    assert "Un seul mot-clé à la fois, sans virgule." in response.text
    response = act(staff_client, CHANGELIST, "add_domain", partnerships, domain="999999", apply="1")
    assert response.status_code == 200 and "errorlist" in response.text
    assert not Tag.objects.exists()


def test_adding_a_tag_to_articles(staff_client, django_capture_on_commit_callbacks):
    first, second = make_article(), make_article(tags=["jumelage"])
    with django_capture_on_commit_callbacks(execute=True):
        response = act(
            staff_client,
            admin_url(Article, "changelist"),
            "add_tag",
            [first, second],
            tag="jumelage",
            apply="1",
        )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Mot-clé « jumelage » ajouté à 1 élément (1 l'avaient déjà)."
    ]
    assert set(Article.objects.filter(tags__name="jumelage")) == {first, second}
