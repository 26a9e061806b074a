"""Search: French words, accents and plurals, typos on PostgreSQL, escaped snippets, fresh index."""

import html
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from cooperation.models import Partnership
from tests.conftest import requires_postgres
from tests.factories import (
    make_agreement,
    make_article,
    make_body,
    make_country,
    make_domain,
    make_partnership,
    make_person,
    make_signatory,
)

LIST_URL = reverse("cooperation:partnership-list")
SEARCH_URL = reverse("cooperation:search")


def found(q):
    return sorted(Partnership.objects.search(q).values_list("slug", flat=True))


class TestSeedSearch:
    pytestmark = pytest.mark.usefixtures("seed")

    @pytest.mark.parametrize("q", ["hue", "Hué", "HUE", "namur"])
    def test_hue_with_or_without_accent(self, q):
        assert found(q) == ["hue-namur"]

    @pytest.mark.parametrize("q", ["hanoi", "Hanoï", "vientiane"])
    def test_hanoi_without_its_diaeresis(self, q):
        assert found(q) == ["hanoi-vientiane"]

    def test_a_plural_finds_the_singular(self):
        assert found("protocoles") == ["hue-namur"]

    def test_a_word_of_an_agreement_domain(self):
        assert found("patrimoine") == ["hue-namur"]
        assert found("espaces verts") == ["hue-namur"]

    def test_words_of_countries_signatories_and_tags(self):
        assert found("Belgique") == ["hue-namur"]
        assert found("Prévot") == ["hue-namur"]
        assert found("sud-sud") == ["djibouti-libye"]

    def test_every_word_must_match(self):
        assert found("namur libye") == []

    @requires_postgres
    def test_a_typo_falls_back_to_trigrams(self):
        assert found("Vientianne") == ["hanoi-vientiane"]
        assert found("Vientiane") == ["hanoi-vientiane"]

    @requires_postgres
    def test_websearch_syntax(self):
        assert found("hue OR hanoi") == ["hanoi-vientiane", "hue-namur"]
        assert found('"espaces verts"') == ["hue-namur"]
        assert found("coopération -hanoi") == ["djibouti-libye", "hue-namur"]

    def test_directory_search_shows_a_marked_snippet(self, client):
        content = client.get(LIST_URL, {"q": "patrimoine"}).content.decode()
        assert "<h1>1 partenariat</h1>" in content
        snippet = re.search(r'<p class="snippet" lang="fr">(.*?)</p>', content, re.S).group(1)
        assert re.search(r"<mark>patrimoine</mark>", snippet, re.I)

    def test_snippet_marks_the_accented_original(self, client):
        content = client.get(LIST_URL, {"q": "hue"}).content.decode()
        assert "<mark>Hué</mark>" in content

    def test_site_search_groups_results_with_counts(self, client):
        response = client.get(SEARCH_URL, {"q": "hanoi"})
        content = html.unescape(response.content.decode())
        groups = {group.title: group.count for group in response.context["groups"]}
        assert groups == {"Partenariats": 1, "Actualités": 1, "Acteurs": 1, "Personnes": 0}
        assert 'Partenariats <span class="meta">(1)</span>' in content
        assert "Hanoï – Vientiane" in content
        assert "Promotion de la coopération entre les deux capitales du Vietnam et du Laos" in content

    def test_site_search_finds_people_and_bodies_without_accents(self, client):
        response = client.get(SEARCH_URL, {"q": "prevot"})
        groups = {group.title: [str(row) for row in group.results] for group in response.context["groups"]}
        assert groups["Personnes"] == ["Maxime Prévot"]
        assert groups["Partenariats"] == ["Hué – Namur"]
        response = client.get(SEARCH_URL, {"q": "ancld"})
        groups = {group.title: [str(row) for row in group.results] for group in response.context["groups"]}
        assert groups["Acteurs"] == ["ANCLD — faîtière des collectivités locales djiboutiennes"]

    def test_site_search_leaves_drafts_out(self, client):
        make_article("Brouillon sur Hanoï", draft=True)
        response = client.get(SEARCH_URL, {"q": "brouillon"})
        assert [group.count for group in response.context["groups"]] == [0, 0, 0, 0]
        assert "Brouillon" not in response.content.decode().split("<h1")[1]

    def test_groups_without_results_are_hidden_when_others_have_some(self, client):
        content = client.get(SEARCH_URL, {"q": "hanoi"}).content.decode()
        assert "Personnes" not in content.split('<main id="contenu"')[1].split("</main>")[0]
        assert "(0)" not in content and "Aucun résultat" not in content
        assert content.count('class="search-group"') == 3

    def test_no_result_shows_one_empty_state_with_suggestions(self, client):
        response = client.get(SEARCH_URL, {"q": "zanzibar"})
        content = html.unescape(response.content.decode())
        assert response.context["found"] is False
        assert content.count("Aucun résultat") == 1 and "search-group" not in content
        assert '<h2 id="no-result-title">\n          Aucun résultat pour « zanzibar »' in content
        assert "vérifiez l'orthographe" in content and "un mot plus général" in content
        assert f'href="{reverse("cooperation:partnership-list")}">l\'annuaire des partenariats</a>' in content
        assert f'href="{reverse("cooperation:map")}">la carte des partenariats</a>' in content
        # Browse by country: the countries of the atlas, linked.
        for slug, name in (("vietnam", "Vietnam"), ("belgique", "Belgique"), ("libye", "Libye")):
            url = reverse("cooperation:country-detail", args=[slug])
            assert f'<li><a href="{url}">{name}</a></li>' in content
        english = client.get("/en" + SEARCH_URL, {"q": "zanzibar"}).content.decode()
        assert "No results for “zanzibar”" in english and "check the spelling" in english
        assert ">Belgium</a>" in english

    def test_the_search_landmarks_have_distinct_names(self, client):
        for url in (SEARCH_URL + "?q=hue", reverse("home"), reverse("cooperation:partnership-list")):
            content = client.get(url).content.decode()
            names = []
            for form in re.findall(r"<form\b[^>]*role=\"search\"[^>]*>", content):
                label = re.search(r'aria-label="([^"]+)"', form)
                labelledby = re.search(r'aria-labelledby="([^"]+)"', form)
                assert label or labelledby, (url, form)
                if labelledby:
                    element = re.search(rf'<[^>]+id="{labelledby[1]}"[^>]*>(.*?)</', content, re.S)
                    names.append(element[1].strip())
                else:
                    names.append(label[1])
            assert len(names) == len(set(names)), (url, names)
        content = client.get(SEARCH_URL, {"q": "hue"}).content.decode()
        assert 'aria-label="Recherche sur tout le site"' in content
        assert '<form class="filters search-form" method="get" action="/recherche/" role="search"' in content


@pytest.mark.django_db
class TestEscaping:
    def test_a_body_name_with_a_script_is_escaped_everywhere(self, client):
        body = make_body("<script>alert('ville')</script> Zanzibar")
        partnership = make_partnership(
            body, make_body(), summary="Zanzibar <b>en gras</b> <script>x()</script>"
        )
        urls = [
            f"{LIST_URL}?q=zanzibar",
            f"{SEARCH_URL}?q=zanzibar",
            partnership.get_absolute_url(),
            body.get_absolute_url(),
            LIST_URL,
        ]
        for url in urls:
            content = client.get(url).content.decode()
            assert "<script>alert" not in content and "x()" not in content, url
            assert "&lt;script&gt;alert(&#x27;ville&#x27;)&lt;/script&gt; Zanzibar" in content, url
            # The summary is rich text: its bold on its page, its words only in lists and snippets.
            if url == partnership.get_absolute_url():
                assert "Zanzibar <b>en gras</b>" in content
            else:
                assert "<b>en gras" not in content, url

    def test_snippets_escape_staff_text_and_keep_only_our_marks(self, client):
        make_partnership(name="Alpha", summary='Une citadelle <img src=x onerror="alert(1)"> & un <mark>.')
        content = client.get(LIST_URL, {"q": "citadelle"}).content.decode()
        snippet = re.search(r'<p class="snippet" lang="fr">(.*?)</p>', content, re.S).group(1)
        # The summary was sanitized on save (no outside image, no <mark>), then searched as plain text.
        assert "<img" not in snippet and "onerror" not in content and "&amp; un" in snippet
        assert re.findall(r"</?mark>", snippet) == ["<mark>", "</mark>"]


@pytest.mark.django_db
class TestHostileQueries:
    @pytest.mark.parametrize("q", ["x" * 5000, "hue\x00", "\x00"])
    def test_site_search_refuses_with_a_form_error(self, client, q):
        response = client.get(SEARCH_URL, {"q": q})
        assert response.status_code == 400
        assert response.context["form"].errors
        assert response.context["groups"] == []

    @pytest.mark.parametrize("q", ["", "   ", "!!!", "-", '"', "le la de", "OR", "é"])
    def test_odd_queries_answer(self, client, q):
        assert client.get(SEARCH_URL, {"q": q}).status_code == 200
        assert client.get(LIST_URL, {"q": q}).status_code == 200


@pytest.mark.django_db
class TestIndexStaysCurrent:
    """Signals refresh a partnership's search texts when a row it shows changes."""

    def test_renaming_a_body(self):
        body = make_body("Ville de Hué")
        partnership = make_partnership(body, make_body())
        body.name = "Thừa Thiên Huế"
        body.save()
        assert found("thua thien") == [partnership.slug]

    def test_adding_and_removing_a_party(self):
        partnership = make_partnership()
        partnership.parties.create(body=make_body("Ouagadougou"))
        assert found("ouagadougou") == [partnership.slug]
        partnership.parties.filter(body__name="Ouagadougou").delete()
        assert found("ouagadougou") == []

    def test_renaming_a_country(self):
        country = make_country("ZZ", "Zédie")
        partnership = make_partnership(make_body(country=country), make_body())
        country.name_fr = "Utopie"
        country.save()
        assert found("utopie") == [partnership.slug]

    def test_domains_added_either_way_and_agreement_domains(self):
        partnership = make_partnership()
        heritage = make_domain("Patrimoine bâti")
        partnership.domains.add(heritage)
        assert found("bati") == [partnership.slug]
        partnership.domains.clear()
        assert found("bati") == []
        heritage.partnerships.add(partnership)
        assert found("bati") == [partnership.slug]
        heritage.partnerships.remove(partnership)
        agreement = make_agreement(
            partnership, domains=[(make_domain("Eau"), "Assainissement des quartiers")]
        )
        assert found("assainissement") == [partnership.slug]
        agreement.domain_links.all().delete()
        assert found("assainissement") == []

    def test_tags_agreements_signatories_and_people(self):
        partnership = make_partnership()
        partnership.tags.add("jeunesse")
        assert found("jeunesse") == [partnership.slug]
        agreement = make_agreement(partnership, title="Charte d'amitié", aims="Échanger des stagiaires")
        assert found("stagiaires") == [partnership.slug]
        person = make_person("Anne Hidalgo")
        make_signatory(agreement, person)
        person.name = "Anne Dupont"
        person.save()
        assert found("dupont") == [partnership.slug]
        agreement.delete()
        assert found("stagiaires") == []

    def test_refresh_search_index_rebuilds_after_a_raw_load(self):
        partnership = make_partnership(name="Tombouctou – Chinguetti")
        Partnership.objects.filter(pk=partnership.pk).update(search_a="", search_names="", search_vector=None)
        assert found("tombouctou") == []
        call_command("refresh_search_index", verbosity=0)
        assert found("tombouctou") == [partnership.slug]


@requires_postgres
@pytest.mark.django_db
def test_postgres_has_the_french_unaccent_configuration_and_gin_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('french_unaccent', 'Hanoï, les protocoles')::text")
        assert {"'hanoi':1", "'protocol':3"} <= set(cursor.fetchone()[0].split())
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%search_gin'")
        assert {row[0] for row in cursor.fetchall()} == {"partnership_search_gin", "article_search_gin"}


@requires_postgres
@pytest.mark.django_db
def test_site_search_shows_the_best_ranked_as_sorting_every_match_would(client, monkeypatch):
    from core import search

    monkeypatch.setattr(search, "RANK_CANDIDATES", 12)
    for n in range(30):
        make_partnership(
            name=f"{'Citadelle ' if n % 4 == 0 else ''}partenariat {n:02}",
            summary="Une citadelle commune." if n % 2 else "Des jardins et une citadelle, une citadelle.",
        )
    by_rank = Partnership.objects.published().search("citadelle").order_by("-rank", "-similarity", "name")
    (group, *_) = client.get(SEARCH_URL, {"q": "citadelle"}).context["groups"]
    assert [p.name for p in group.results] == list(by_rank.values_list("name", flat=True)[:10])
    assert group.count == 30


@pytest.mark.django_db
def test_a_group_past_the_count_limit_says_more_than_and_links_to_the_whole_list(client, monkeypatch):
    from cooperation.views import SearchView

    monkeypatch.setattr(SearchView, "count_limit", 3)
    for n in range(4):
        make_partnership(name=f"Citadelle {n}")
    make_article(title="Une citadelle")
    response = client.get(SEARCH_URL, {"q": "citadelle"})
    partnerships, articles, *_ = response.context["groups"]
    assert (partnerships.count, partnerships.over_limit) == (4, True)  # counted up to 3 + 1 only
    assert (articles.count, articles.over_limit) == (1, False)
    content = " ".join(response.content.decode().split())
    assert 'Partenariats <span class="meta">(plus de 3)</span>' in content
    assert 'Actualités <span class="meta">(1)</span>' in content
    assert "Voir tous les partenariats trouvés, dans l'annuaire" in content
    assert len(partnerships.results) == 4  # the results themselves are not capped


@pytest.mark.django_db
def test_the_count_stops_at_the_limit_plus_one():
    from cooperation.views import capped_count

    for n in range(5):
        make_partnership(name=f"Citadelle {n}")
    assert capped_count(Partnership.objects.all(), limit=2) == 3
    assert capped_count(Partnership.objects.all(), limit=10) == 5
