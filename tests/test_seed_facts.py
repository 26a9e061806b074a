"""Every fact of the two source articles (shared/seeds 000_… and 003_…), read back from the seed fixtures.

One test per fact; fixtures/README.md says which seed each fact comes from.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils.translation import override

from articles.models import Article, Theme
from cooperation.models import (
    Agreement,
    Body,
    Delegation,
    Event,
    Partnership,
    Person,
)
from core.sanitize import sanitize_html
from tests.status import in_force_until, is_in_force, status_on

pytestmark = pytest.mark.usefixtures("seed")

HUE_NAMUR_ARTICLE = "namur-et-hue-signent-un-protocole-de-cooperation-2024-2029"
HANOI_ARTICLE = "promotion-de-la-cooperation-entre-les-capitales-du-vietnam-et-du-laos"
DJIBOUTI_ARTICLE = "mission-du-ministre-djiboutien-de-la-decentralisation-en-libye"


def slugs(queryset, field="slug"):
    return sorted(queryset.values_list(field, flat=True))


def office_titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


# --- Places and bodies ----------------------------------------------------------------------------


def test_hue_is_a_municipality_in_vietnam_with_coordinates():
    hue = Body.objects.get_by_natural_key("hue")
    assert (hue.name, hue.kind, hue.country.code, hue.country.name_fr) == (
        "Ville de Hué",
        "municipality",
        "VN",
        "Vietnam",
    )
    assert hue.has_coordinates
    assert Decimal("16.4") < hue.latitude < Decimal("16.5")
    assert Decimal("107.5") < hue.longitude < Decimal("107.7")


def test_namur_is_a_municipality_in_belgium_with_coordinates():
    namur = Body.objects.get_by_natural_key("namur")
    assert (namur.name, namur.kind, namur.country.code, namur.country.name_fr) == (
        "Ville de Namur",
        "municipality",
        "BE",
        "Belgique",
    )
    assert Decimal("50.4") < namur.latitude < Decimal("50.5")
    assert Decimal("4.8") < namur.longitude < Decimal("4.9")


def test_lausanne_is_a_city_in_switzerland_with_coordinates():
    lausanne = Body.objects.get_by_natural_key("lausanne")
    assert (lausanne.kind, lausanne.country.code, lausanne.wikidata_id) == ("municipality", "CH", "Q807")
    assert Decimal("46.5") < lausanne.latitude < Decimal("46.6")
    assert Decimal("6.6") < lausanne.longitude < Decimal("6.7")


def test_hanoi_and_vientiane_are_the_capitals_of_vietnam_and_laos():
    hanoi = Body.objects.get_by_natural_key("hanoi")
    vientiane = Body.objects.get_by_natural_key("vientiane")
    assert (hanoi.name, hanoi.kind, hanoi.country.code) == ("Hanoï", "capital", "VN")
    assert (vientiane.name, vientiane.kind, vientiane.country.code) == ("Vientiane", "capital", "LA")
    assert Decimal("20.9") < hanoi.latitude < Decimal("21.1") and hanoi.longitude > Decimal("105.7")
    assert Decimal("17.9") < vientiane.latitude < Decimal("18.1") and vientiane.longitude > Decimal("102.5")


def test_aimf_is_an_international_organisation_without_a_country():
    aimf = Body.objects.get_by_natural_key("aimf")
    assert (aimf.short_name, aimf.kind, aimf.country) == ("AIMF", "international", None)


def test_ancld_is_the_umbrella_of_djiboutian_local_authorities():
    ancld = Body.objects.get_by_natural_key("ancld")
    assert (ancld.short_name, ancld.kind, ancld.country.code) == ("ANCLD", "association", "DJ")
    assert "faîtière des collectivités locales djiboutiennes" in ancld.name


def test_pprl_is_the_lao_peoples_revolutionary_party():
    pprl = Body.objects.get_by_natural_key("pprl")
    assert (pprl.name, pprl.short_name, pprl.kind, pprl.country.code) == (
        "Parti populaire révolutionnaire lao",
        "PPRL",
        "party",
        "LA",
    )


def test_the_two_ministries_are_djiboutian_and_libyan():
    djibouti = Body.objects.get_by_natural_key("ministere-decentralisation-djibouti")
    libya = Body.objects.get_by_natural_key("ministere-homologue-libye")
    assert (djibouti.name, djibouti.kind, djibouti.country.code) == (
        "Ministère de la Décentralisation",
        "ministry",
        "DJ",
    )
    assert (libya.kind, libya.country.code) == ("ministry", "LY")


# --- Hué – Namur ----------------------------------------------------------------------------------


def test_hue_namur_partnership_started_in_2010_between_hue_and_namur():
    partnership = Partnership.objects.get_by_natural_key("hue-namur")
    assert (partnership.name, partnership.kind, partnership.started) == ("Hué – Namur", "cooperation", "2010")
    assert slugs(partnership.bodies) == ["hue", "namur"]
    assert list(Partnership.objects.involving(Body.objects.get(slug="namur"))) == [partnership]


def test_hue_namur_first_agreement_signed_in_2010_at_lausanne_during_the_aimf_general_assembly():
    agreement = Agreement.objects.get_by_natural_key("hue-namur-accord-2010")
    assert (agreement.partnership.slug, agreement.kind, agreement.signed) == (
        "hue-namur",
        "cooperation_agreement",
        "2010",
    )
    assert agreement.signed_at.slug == "lausanne"
    event = agreement.event
    assert (event.slug, event.kind, event.place.slug, event.organiser.slug, event.when) == (
        "aimf-assemblee-generale-2010",
        "general_assembly",
        "lausanne",
        "aimf",
        "2010",
    )
    assert agreement.period == ""  # the seed states no period of validity


def test_hue_namur_protocol_signed_on_24_may_2024_at_lausanne_during_the_aimf_congress():
    protocol = Agreement.objects.get_by_natural_key("hue-namur-protocole-2024-2029")
    assert (protocol.title, protocol.kind, protocol.signed_on, protocol.signed_precision) == (
        "Protocole de coopération 2024-2029",
        "protocol",
        date(2024, 5, 24),
        "day",
    )
    assert protocol.signed_at.slug == "lausanne"
    congress = protocol.event
    assert (congress.slug, congress.kind, congress.place.slug, congress.organiser.slug) == (
        "aimf-congres-2024",
        "congress",
        "lausanne",
        "aimf",
    )
    with override("fr"):
        assert protocol.signed == "24 mai 2024"
        assert congress.when == "mai 2024"


def test_hue_namur_protocol_runs_from_2024_to_2029():
    protocol = Agreement.objects.get_by_natural_key("hue-namur-protocole-2024-2029")
    assert protocol.period == "2024–2029"
    assert (protocol.valid_from, protocol.valid_until) == (date(2024, 1, 1), date(2029, 12, 31))
    partnership = protocol.partnership
    assert in_force_until(partnership, date(2025, 1, 1)) == date(2029, 12, 31)
    assert status_on(partnership, date(2025, 1, 1)) == "active"
    assert list(Partnership.objects.in_force_in(2029)) == [partnership]
    assert not Partnership.objects.in_force_in(2030).exists()


def test_hue_namur_is_ended_after_2029_as_the_2010_agreement_was_renewed_by_the_protocol():
    # The undated 2010 agreement would be open-ended, but the protocol renews it: it no longer counts.
    partnership = Partnership.objects.get_by_natural_key("hue-namur")
    protocol = Agreement.objects.get_by_natural_key("hue-namur-protocole-2024-2029")
    assert not is_in_force(protocol, date(2030, 6, 1))
    assert in_force_until(partnership, date(2030, 6, 1)) is None
    assert status_on(partnership, date(2030, 6, 1)) == "ended"
    assert partnership.status == "active"  # the staff fallback is untouched


def test_hue_namur_protocol_is_signed_by_le_nhat_vo_and_maxime_prevot_in_office():
    protocol = Agreement.objects.get_by_natural_key("hue-namur-protocole-2024-2029")
    signatories = [
        (s.person.honorific, s.person.name, s.office.title, s.on_behalf_of.slug)
        for s in protocol.signatories.all()
    ]
    assert signatories == [
        ("M.", "Le Nhat Vo", "Président du Comité populaire de Hué", "hue"),
        ("M.", "Maxime Prévot", "Député-Bourgmestre de Namur", "namur"),
    ]
    assert all(s.office.body == s.on_behalf_of for s in protocol.signatories.all())


def test_hue_namur_protocol_has_three_priority_domains_in_order():
    protocol = Agreement.objects.get_by_natural_key("hue-namur-protocole-2024-2029")
    rows = [(link.domain.slug, link.detail) for link in protocol.domain_links.all()]
    assert rows == [
        ("transition-numerique", "Créer un « Hué Intelligente et Durable »"),
        ("culture-patrimoine", "Échanges culturels et gestion du patrimoine historique"),
        ("espaces-verts", "Aménagement des espaces verts"),
    ]
    assert slugs(protocol.partnership.domains) == [
        "culture-patrimoine",
        "espaces-verts",
        "transition-numerique",
    ]


def test_hue_namur_protocol_renews_the_2010_agreement():
    protocol = Agreement.objects.get_by_natural_key("hue-namur-protocole-2024-2029")
    first = Agreement.objects.get_by_natural_key("hue-namur-accord-2010")
    assert protocol.renews == first
    assert list(first.renewed_by.all()) == [protocol]
    assert slugs(protocol.partnership.agreements) == [
        "hue-namur-accord-2010",
        "hue-namur-protocole-2024-2029",
    ]


def test_hue_namur_protocol_aims_exchanges_meetings_and_information():
    protocol = Agreement.objects.get_by_natural_key("hue-namur-protocole-2024-2029")
    assert protocol.aim_list == [
        "faciliter les échanges entre les services municipaux concernés",
        "favoriser les rencontres",
        "valoriser la circulation de l’information entre leurs acteurs et actrices",
    ]


def test_hue_namur_protocol_and_2010_entente_share_the_same_basis():
    protocol = Agreement.objects.get_by_natural_key("hue-namur-protocole-2024-2029")
    first = Agreement.objects.get_by_natural_key("hue-namur-accord-2010")
    assert (
        protocol.basis == first.basis
    )  # « Comme pour l'entente signée précédemment, ce protocole se base… »
    for words in (
        "complémentarité des politiques de relations extérieures",
        "villes francophones",
        "rayonnement de la Francophonie",
        "patrimoine touristique, dont une citadelle",
    ):
        assert words in protocol.basis


def test_hue_namur_partnership_is_tagged_francophonie_and_smart_city():
    partnership = Partnership.objects.get_by_natural_key("hue-namur")
    assert {"francophonie", "aimf", "patrimoine", "ville intelligente"} <= set(partnership.tags.names())


# --- Hanoï – Vientiane ----------------------------------------------------------------------------


def test_tran_sy_thanh_led_the_hanoi_delegation_to_vientiane_17_to_19_september_2024():
    delegation = Delegation.objects.get_by_natural_key("hanoi-vientiane-2024-09")
    assert (delegation.kind, delegation.sending_body.slug, delegation.host_body.slug) == (
        "working_visit",
        "hanoi",
        "vientiane",
    )
    assert (delegation.start_on, delegation.end_on, delegation.duration_days) == (
        date(2024, 9, 17),
        date(2024, 9, 19),
        3,
    )
    assert delegation.leader.name == "Trân Sy Thanh"
    assert delegation.leader_office.title == "Président du Comité populaire municipal de Hanoï"
    assert delegation.leader_office.body.slug == "hanoi"
    assert delegation.visited_country.code == "LA"
    with override("fr"):
        assert delegation.dates == "du 17 septembre 2024 au 19 septembre 2024"


def test_hanoi_delegation_attended_the_2024_mgmac_and_amf():
    delegation = Delegation.objects.get_by_natural_key("hanoi-vientiane-2024-09")
    events = {e.short_name: e for e in delegation.events.all()}
    assert set(events) == {"MGMAC", "AMF"}
    assert events["MGMAC"].name == "Réunion des gouverneurs et maires des capitales de l'ASEAN"
    assert events["AMF"].name == "Forum des maires de l'ASEAN"
    assert {(e.kind, e.when, e.place.slug) for e in events.values()} == {
        ("meeting", "2024", "vientiane"),
        ("forum", "2024", "vientiane"),
    }


def test_hanoi_delegation_paid_a_courtesy_visit_to_anouphap_tounalom_in_his_three_offices():
    meeting = Delegation.objects.get_by_natural_key("hanoi-vientiane-2024-09").meetings.get(position=1)
    assert (meeting.kind, meeting.person.slug) == ("courtesy_visit", "anouphap-tounalom")
    assert office_titles(meeting.offices) == [
        "Président du Conseil populaire de Vientiane",
        "Secrétaire du Comité central du Parti populaire révolutionnaire lao",
        "Secrétaire du Comité du Parti de Vientiane",
    ]
    assert sorted(meeting.offices.values_list("body__slug", flat=True)) == ["pprl", "vientiane", "vientiane"]
    assert office_titles(meeting.person.offices_on(date(2024, 9, 18))) == office_titles(meeting.offices)


def test_anouphap_tounalom_hoped_for_a_model_of_decentralised_cooperation():
    meeting = Delegation.objects.get_by_natural_key("hanoi-vientiane-2024-09").meetings.get(position=1)
    assert "grande amitié, la solidarité particulière et la coopération intégrale" in meeting.summary
    assert "modèle de coopération décentralisée entre le Laos et le Vietnam" in meeting.summary


def test_tran_sy_thanh_said_the_two_capitals_ties_were_always_maintained():
    meeting = Delegation.objects.get_by_natural_key("hanoi-vientiane-2024-09").meetings.get(position=1)
    assert "Trân Sy Thanh a déclaré" in meeting.summary
    assert "ont toujours été entretenues et développées continuellement" in meeting.summary


def test_hanoi_delegation_met_the_governor_of_vientiane():
    meeting = Delegation.objects.get_by_natural_key("hanoi-vientiane-2024-09").meetings.get(position=2)
    assert (meeting.kind, meeting.person.name) == ("meeting", "Atsaphangthong Siphandone")
    assert office_titles(meeting.offices) == ["Gouverneur de la capitale Vientiane"]
    assert meeting.offices.get().body.slug == "vientiane"


def test_hanoi_and_vientiane_exchanged_on_socio_economic_development_in_a_bilateral_meeting():
    meeting = Delegation.objects.get_by_natural_key("hanoi-vientiane-2024-09").meetings.get(position=3)
    assert (meeting.kind, meeting.body.slug, meeting.person) == ("bilateral", "vientiane", None)
    assert "situation de développement socio-économique" in meeting.summary
    assert "construction et le développement de la capitale de chaque pays" in meeting.summary


def test_hanoi_will_prioritise_the_cooperation_agreements_between_the_two_capitals():
    delegation = Delegation.objects.get_by_natural_key("hanoi-vientiane-2024-09")
    assert "donner la priorité à la promotion forte et plus efficace des accords de coopération" in (
        delegation.outcome
    )
    assert "développement commun de la région de l'Asie du Sud-Est" in delegation.outcome
    agreement = Agreement.objects.get_by_natural_key("hanoi-vientiane-accords")
    assert (agreement.kind, agreement.partnership.slug, agreement.signed_on, agreement.period) == (
        "cooperation_agreement",
        "hanoi-vientiane",
        None,
        "",
    )


def test_hanoi_vientiane_partnership_is_active_with_no_dated_agreement():
    partnership = Partnership.objects.get_by_natural_key("hanoi-vientiane")
    assert (partnership.name, partnership.kind, partnership.started_on) == (
        "Hanoï – Vientiane",
        "cooperation",
        None,
    )
    assert slugs(partnership.bodies) == ["hanoi", "vientiane"]
    assert status_on(partnership, date(2024, 9, 18)) == "active"
    assert in_force_until(partnership, date(2024, 9, 18)) is None
    assert list(partnership.delegations.all()) == [Delegation.objects.get(slug="hanoi-vientiane-2024-09")]


# --- Djibouti – Libye -----------------------------------------------------------------------------


def test_djibouti_mission_to_libya_lasted_five_days_from_16_to_20_november_2024():
    mission = Delegation.objects.get_by_natural_key("djibouti-libye-2024-11")
    assert (mission.kind, mission.start_on, mission.end_on, mission.duration_days) == (
        "mission",
        date(2024, 11, 16),
        date(2024, 11, 20),
        5,
    )


def test_djibouti_mission_was_led_by_minister_kassim_haroun_ali_to_libya():
    mission = Delegation.objects.get_by_natural_key("djibouti-libye-2024-11")
    assert (mission.leader.honorific, mission.leader.name) == ("M.", "Kassim Haroun Ali")
    assert mission.leader_office.title == "Ministre de la Décentralisation"
    assert mission.sending_body.slug == "ministere-decentralisation-djibouti"
    assert mission.sending_body.country.code == "DJ"
    assert (mission.destination.code, mission.visited_country.name_fr) == ("LY", "Libye")


def test_djibouti_mission_was_invited_by_his_libyan_counterpart_badradin_tomi():
    mission = Delegation.objects.get_by_natural_key("djibouti-libye-2024-11")
    assert (mission.invited_by.honorific, mission.invited_by.name) == ("M.", "Badradin Tomi")
    tomi_office = Person.objects.get(slug="badradin-tomi").offices.get()
    assert tomi_office.body == mission.host_body
    assert tomi_office.body.country.code == "LY"
    assert "homologue" in tomi_office.title and "Décentralisation" in tomi_office.title


def test_ancld_took_part_in_the_djibouti_mission():
    mission = Delegation.objects.get_by_natural_key("djibouti-libye-2024-11")
    assert [(m.position, m.body.slug, m.person) for m in mission.members.all()] == [(1, "ancld", None)]


def test_djibouti_mission_is_south_south_for_local_development_and_laid_lasting_bases():
    mission = Delegation.objects.get_by_natural_key("djibouti-libye-2024-11")
    assert "collaboration Sud-Sud" in mission.purpose
    assert "développement local et la coopération décentralisée" in mission.purpose
    assert "cinq jours" in mission.purpose
    assert mission.outcome == "<p>La mission a permis de poser les bases d'une coopération durable.</p>"


def test_djibouti_libya_partnership_is_an_informal_link_on_decentralisation_since_2024():
    partnership = Partnership.objects.get_by_natural_key("djibouti-libye")
    assert (partnership.kind, partnership.started) == ("informal", "2024")
    assert slugs(partnership.bodies) == ["ministere-decentralisation-djibouti", "ministere-homologue-libye"]
    assert slugs(partnership.domains) == ["decentralisation", "developpement-local"]
    assert list(partnership.delegations.values_list("slug", flat=True)) == ["djibouti-libye-2024-11"]
    assert {"sud-sud", "décentralisation"} <= set(partnership.tags.names())


# --- Articles ---------------------------------------------------------------------------------------


def test_the_three_articles_are_published_with_their_dates():
    with override("fr"):
        dates = {a.slug: (a.published_on, a.date_display) for a in Article.objects.published()}
    assert dates == {
        HUE_NAMUR_ARTICLE: (date(2024, 5, 24), "24 mai 2024"),
        HANOI_ARTICLE: (date(2024, 9, 1), "septembre 2024"),
        DJIBOUTI_ARTICLE: (date(2024, 11, 1), "novembre 2024"),
    }


def test_article_titles_with_the_source_typo_corrected():
    titles = dict(Article.objects.values_list("slug", "title"))
    assert titles == {
        HUE_NAMUR_ARTICLE: "Namur et Hué signent un Protocole de Coopération 2024-2029",
        HANOI_ARTICLE: "Promotion de la coopération entre les deux capitales du Vietnam et du Laos",
        DJIBOUTI_ARTICLE: "Mission du ministre djiboutien de la Décentralisation en Libye",
    }


def test_hue_namur_article_reports_the_partnership_agreements_people_and_events():
    article = Article.objects.get_by_natural_key(HUE_NAMUR_ARTICLE)
    assert slugs(article.partnerships) == ["hue-namur"]
    assert slugs(article.agreements) == ["hue-namur-accord-2010", "hue-namur-protocole-2024-2029"]
    assert slugs(article.people) == ["le-nhat-vo", "maxime-prevot"]
    assert slugs(article.events) == ["aimf-assemblee-generale-2010", "aimf-congres-2024"]
    assert slugs(article.bodies) == ["aimf", "hue", "lausanne", "namur"]
    assert slugs(article.domains) == ["culture-patrimoine", "espaces-verts", "transition-numerique"]
    assert slugs(article.delegations) == []


def test_hanoi_article_reports_the_delegation_partnership_people_and_events():
    article = Article.objects.get_by_natural_key(HANOI_ARTICLE)
    assert slugs(article.partnerships) == ["hanoi-vientiane"]
    assert slugs(article.agreements) == ["hanoi-vientiane-accords"]
    assert slugs(article.delegations) == ["hanoi-vientiane-2024-09"]
    assert slugs(article.people) == ["anouphap-tounalom", "atsaphangthong-siphandone", "tran-sy-thanh"]
    assert slugs(article.events) == ["amf-2024", "mgmac-2024"]
    assert slugs(article.bodies) == ["hanoi", "pprl", "vientiane"]


def test_djibouti_article_reports_the_mission_partnership_people_and_bodies():
    article = Article.objects.get_by_natural_key(DJIBOUTI_ARTICLE)
    assert slugs(article.partnerships) == ["djibouti-libye"]
    assert slugs(article.delegations) == ["djibouti-libye-2024-11"]
    assert slugs(article.people) == ["badradin-tomi", "kassim-haroun-ali"]
    assert slugs(article.bodies) == [
        "ancld",
        "ministere-decentralisation-djibouti",
        "ministere-homologue-libye",
    ]
    assert slugs(article.domains) == ["decentralisation", "developpement-local"]
    assert slugs(article.events) == []


def test_hue_namur_article_is_in_the_gouvernance_theme():
    gouvernance = Theme.objects.get_by_natural_key("gouvernance")
    assert gouvernance.name == "Gouvernance"
    assert slugs(gouvernance.articles) == [HUE_NAMUR_ARTICLE]
    assert slugs(Theme.objects.get(slug="cooperation-decentralisee").articles) == sorted(
        [HUE_NAMUR_ARTICLE, HANOI_ARTICLE, DJIBOUTI_ARTICLE]
    )


def test_articles_carry_lowercase_french_tags():
    tags = {a.slug: set(a.tags.names()) for a in Article.objects.all()}
    assert {"francophonie", "aimf", "ville intelligente"} <= tags[HUE_NAMUR_ARTICLE]
    assert "asean" in tags[HANOI_ARTICLE]
    assert {"sud-sud", "décentralisation"} <= tags[DJIBOUTI_ARTICLE]
    assert all(name == name.lower() for names in tags.values() for name in names)


def test_hue_namur_article_lists_the_three_priority_domains_as_a_list():
    article = Article.objects.get_by_natural_key(HUE_NAMUR_ARTICLE)
    assert article.text.count("<li>") == 3
    assert "« Hué Intelligente et Durable »" in article.text
    assert article.standfirst.startswith("C’est une histoire qui dure…")


def test_article_standfirsts_open_on_the_first_sentence_of_each_source():
    standfirsts = dict(Article.objects.values_list("slug", "standfirst"))
    assert (
        "avait été conclu en 2010 à l’occasion de l’Assemblée Générale de l’AIMF"
        in (standfirsts[HUE_NAMUR_ARTICLE])
    )
    assert standfirsts[HANOI_ARTICLE].startswith("Dans le cadre de sa participation")
    assert standfirsts[DJIBOUTI_ARTICLE].startswith("Sur invitation officielle de son homologue libyen")


def test_article_bodies_are_already_sanitised_html():
    for article in Article.objects.all():
        assert article.text == sanitize_html(article.text)
        assert article.text.startswith("<p>")


@pytest.mark.parametrize(
    "chrome",
    [
        "Partagez",
        "Ces articles pourraient vous intéresser",
        "Collaborer",
        "Lorem ipsum",
        "Découvrez d’autres articles",
        "Abonnez-vous",
        "lettre d'actualités",
        "date 2024-09",
    ],
)
def test_page_chrome_appears_in_no_article(chrome):
    for article in Article.objects.all():
        for text in (article.title, article.standfirst, article.text):
            assert chrome.lower() not in text.lower()


@pytest.mark.parametrize(
    "typo",
    ["vendrei", "Comité population", "Promotion la coopération", "développement commune", "qui à faciliter"],
)
def test_source_typos_are_corrected_everywhere(typo):
    for article in Article.objects.all():
        assert typo not in article.title + article.standfirst + article.text
    texts = [a.summary + a.basis + a.aims for a in Agreement.objects.all()]
    texts += [d.purpose + d.outcome for d in Delegation.objects.all()]
    texts += list(Event.objects.values_list("description", flat=True))
    assert not any(typo in text for text in texts)


def test_loading_the_seed_twice_leaves_the_same_rows():
    def counts():
        return {
            model._meta.label: model._base_manager.count()
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label in {"cooperation", "articles", "taggit"}
        }

    before = counts()
    assert before["cooperation.Partnership"] == 3 and before["articles.Article"] == 3
    assert before["articles.TaggedArticle"] > 0 and before["cooperation.TaggedPartnership"] > 0
    call_command("seed", verbosity=0)
    assert counts() == before
