"""What a visitor reads on each cooperation page, checked against the seed data."""

import html
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("seed")

PAGES = [
    ("cooperation:partnership-list", []),
    ("cooperation:partnership-detail", ["hue-namur"]),
    ("cooperation:partnership-detail", ["hanoi-vientiane"]),
    ("cooperation:partnership-detail", ["djibouti-libye"]),
    ("cooperation:agreement-detail", ["hue-namur-protocole-2024-2029"]),
    ("cooperation:agreement-detail", ["hanoi-vientiane-accords"]),
    ("cooperation:delegation-list", []),
    ("cooperation:delegation-detail", ["hanoi-vientiane-2024-09"]),
    ("cooperation:delegation-detail", ["djibouti-libye-2024-11"]),
    ("cooperation:body-detail", ["hue"]),
    ("cooperation:body-detail", ["aimf"]),
    ("cooperation:country-detail", ["vietnam"]),
    ("cooperation:domain-detail", ["culture-patrimoine"]),
    ("cooperation:person-detail", ["maxime-prevot"]),
    ("cooperation:person-detail", ["anouphap-tounalom"]),
    ("cooperation:event-detail", ["aimf-congres-2024"]),
    ("cooperation:search", []),
    ("cooperation:open-data", []),
]


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def text(client, url):
    """The page as a visitor reads it: tags dropped, entities decoded, spaces collapsed."""
    content = re.sub(r"<[^>]+>", " ", page(client, url))
    return re.sub(r"\s+", " ", html.unescape(content))


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_each_page_answers_with_exactly_one_h1(client, name, args):
    assert len(re.findall(r"<h1[\s>]", page(client, reverse(name, args=args)))) == 1


@pytest.mark.parametrize("slug", ["inconnu", "hue-namur-x"])
def test_unknown_slugs_are_404(client, slug):
    for name in ["partnership-detail", "agreement-detail", "body-detail", "person-detail"]:
        assert client.get(reverse(f"cooperation:{name}", args=[slug])).status_code == 404


def test_directory_counts_and_lists_the_partnerships(client):
    content = text(client, reverse("cooperation:partnership-list"))
    assert "3 partenariats" in content
    for name in ["Hué – Namur", "Hanoï – Vientiane", "Djibouti – Libye"]:
        assert name in content
    assert "Ville de Hué (Vietnam) · Ville de Namur (Belgique)" in content
    assert "actif jusqu'en 2029" in content


def test_partnership_page_shows_parties_status_and_since_when(client):
    content = text(client, reverse("cooperation:partnership-detail", args=["hue-namur"]))
    assert "Hué – Namur" in content
    assert "Accord de coopération · actif jusqu'en 2029 · depuis 2010" in content
    assert "Ville de Hué commune · Vietnam" in content
    assert "Ville de Namur commune · Belgique" in content


def test_partnership_page_details_each_agreement(client):
    content = text(client, reverse("cooperation:partnership-detail", args=["hue-namur"]))
    assert "Période de validité 2024–2029" in content
    assert "le 24 mai 2024 à Lausanne , lors du Congrès de l'AIMF" in content
    assert "en 2010 à Lausanne , lors de l' Assemblée générale de l'AIMF" in content
    assert "M. Le Nhat Vo , Président du Comité populaire de Hué" in content
    assert "M. Maxime Prévot , Député-Bourgmestre de Namur" in content
    assert "Transition numérique — Créer un « Hué Intelligente et Durable »" in content
    assert (
        "Échanges culturels et patrimoine historique — Échanges culturels et gestion du patrimoine" in content
    )
    assert "Aménagement des espaces verts — Aménagement des espaces verts" in content
    assert "faciliter les échanges entre les services municipaux concernés" in content


def test_partnership_timeline_merges_agreements_delegations_and_news_in_date_order(client):
    content = text(client, reverse("cooperation:partnership-detail", args=["hue-namur"]))
    first = content.index("Premier accord de coopération entre Hué et Namur")
    protocol = content.index("Protocole de coopération 2024-2029 Type")
    news = content.index("Actualité · 24 mai 2024 Namur et Hué signent un Protocole de Coopération 2024-2029")
    assert first < protocol < news

    content = text(client, reverse("cooperation:partnership-detail", args=["hanoi-vientiane"]))
    assert "Délégation · du 17 septembre 2024 au 19 septembre 2024" in content
    assert "conduite par Trân Sy Thanh, Président du Comité populaire municipal de Hanoï" in content
    assert content.index("Visite de travail de la délégation de Hanoï à Vientiane") < content.index(
        "Promotion de la coopération entre les deux capitales du Vietnam et du Laos"
    )


def test_partnership_page_offers_to_follow_it(client):
    content = page(client, reverse("cooperation:partnership-detail", args=["hue-namur"]))
    assert "Chronologie" in content  # The newsletter include renders without breaking the page.


def test_agreement_page(client):
    content = text(client, reverse("cooperation:agreement-detail", args=["hue-namur-protocole-2024-2029"]))
    assert "Accord du partenariat Hué – Namur" in content
    assert "Entre Ville de Hué (Vietnam) · Ville de Namur (Belgique)" in content
    assert "Protocole de coopération 2024-2029" in content
    assert "le 24 mai 2024" in content
    assert "Député-Bourgmestre de Namur" in content
    assert "Renouvelle : Premier accord de coopération entre Hué et Namur" in content
    assert "Namur et Hué signent un Protocole de Coopération 2024-2029" in content


def test_delegation_list(client):
    content = text(client, reverse("cooperation:delegation-list"))
    assert "2 délégations" in content
    djibouti = content.index("Mission du ministre djiboutien de la Décentralisation en Libye")
    hanoi = content.index("Visite de travail de la délégation de Hanoï à Vientiane")
    assert djibouti < hanoi  # Newest first.
    assert "du 16 novembre 2024 au 20 novembre 2024" in content


def test_delegation_page_shows_leader_members_meetings_events_and_dates(client):
    content = text(client, reverse("cooperation:delegation-detail", args=["hanoi-vientiane-2024-09"]))
    assert "du 17 septembre 2024 au 19 septembre 2024 · 3 jours" in content
    assert "Conduite par Trân Sy Thanh , Président du Comité populaire municipal de Hanoï" in content
    assert "Reçue par Vientiane ( Laos )" in content
    assert (
        "Visite de courtoisie — Anouphap Tounalom , Président du Conseil populaire de Vientiane, "
        "Secrétaire du Comité central du Parti populaire révolutionnaire lao et "
        "Secrétaire du Comité du Parti de Vientiane"
    ) in content
    assert "Gouverneur de la capitale Vientiane" in content
    assert "Rencontre bilatérale" in content
    assert "Forum des maires de l'ASEAN" in content

    content = text(client, reverse("cooperation:delegation-detail", args=["djibouti-libye-2024-11"]))
    assert "ANCLD — faîtière des collectivités locales djiboutiennes" in content
    assert "Conduite par M. Kassim Haroun Ali , Ministre de la Décentralisation" in content
    assert "À l'invitation de Badradin Tomi" in content


def test_body_page_shows_partnerships_visits_and_news(client):
    content = text(client, reverse("cooperation:body-detail", args=["hanoi"]))
    assert "Hanoï" in content and "Capitale · Vietnam" in content
    assert "Hanoï – Vientiane" in content
    sent = content.index("Délégations envoyées")
    assert content.index("Visite de travail de la délégation de Hanoï à Vientiane", sent) < content.index(
        "Délégations reçues"
    )
    assert "Président du Comité populaire municipal de Hanoï" in content
    assert "Promotion de la coopération entre les deux capitales du Vietnam et du Laos" in content

    content = text(client, reverse("cooperation:body-detail", args=["vientiane"]))
    received = content.index("Délégations reçues")
    assert content.index("Visite de travail de la délégation de Hanoï à Vientiane", received)


def test_country_page(client):
    content = text(client, reverse("cooperation:country-detail", args=["vietnam"]))
    assert "Vietnam" in content
    assert "Ville de Hué" in content and "Hanoï" in content
    assert "Hué – Namur" in content and "Hanoï – Vientiane" in content

    content = text(client, reverse("cooperation:country-detail", args=["libye"]))
    received = content.index("Délégations reçues")
    assert content.index("Mission du ministre djiboutien de la Décentralisation en Libye", received)


def test_domain_page_includes_partnerships_through_their_agreements(client):
    content = text(client, reverse("cooperation:domain-detail", args=["culture-patrimoine"]))
    assert "Échanges culturels et patrimoine historique" in content
    assert "Hué – Namur" in content
    assert "Protocole de coopération 2024-2029 (Hué – Namur) — Échanges culturels et gestion" in content


def test_person_page_shows_offices_signatures_and_delegations(client):
    content = text(client, reverse("cooperation:person-detail", args=["maxime-prevot"]))
    assert "M. Maxime Prévot" in content
    assert "Député-Bourgmestre de Namur · Ville de Namur" in content
    assert "Protocole de coopération 2024-2029 (Hué – Namur, 24 mai 2024)" in content
    assert "en qualité de Député-Bourgmestre de Namur" in content

    content = text(client, reverse("cooperation:person-detail", args=["anouphap-tounalom"]))
    assert "Délégations rencontrées" in content
    assert "Visite de travail de la délégation de Hanoï à Vientiane" in content
    assert "visite de courtoisie, en qualité de Président du Conseil populaire de Vientiane" in content

    content = text(client, reverse("cooperation:person-detail", args=["tran-sy-thanh"]))
    assert "Délégations conduites" in content


def test_event_page(client):
    content = text(client, reverse("cooperation:event-detail", args=["aimf-congres-2024"]))
    assert "Congrès de l'AIMF" in content
    assert (
        "mai 2024 · Lausanne · organisé par l' Association internationale des maires francophones" in content
    )
    assert "Protocole de coopération 2024-2029 (Hué – Namur, 24 mai 2024)" in content


def test_pages_speak_english_when_asked(client):
    response = client.get("/en" + reverse("cooperation:partnership-detail", args=["hue-namur"]))
    assert response.status_code == 200
    assert "Cultural exchanges and heritage" in response.content.decode()


@pytest.mark.parametrize("page_number", ["abc", "99999", "\x00"])
def test_delegation_list_bad_pages_are_404(client, page_number):
    assert client.get(reverse("cooperation:delegation-list"), {"page": page_number}).status_code == 404
