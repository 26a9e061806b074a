"""The admin's home page is the editor's dashboard: drafts and scheduled articles, agreements to
renew, the latest visits, partnerships without news, the newsletter; each block links to the
admin list of all its rows, and the page's query count does not grow with them."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from cooperation.models import Agreement, Delegation, Partnership
from core.models import Publication
from newsletter.models import Delivery, Edition
from tests.factories import (
    make_agreement,
    make_article,
    make_delegation,
    make_edition,
    make_partnership,
    make_subscriber,
)
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

INDEX = "/admin/"
TODAY = timezone.localdate()
SENT = Edition.Status.SENT


def days(n):
    return TODAY + datetime.timedelta(days=n)


def at_noon(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def agreement(partnership=None, **fields):
    """An agreement valid on exact days (precision « jour »)."""
    return make_agreement(partnership, valid_from_precision="day", valid_until_precision="day", **fields)


def fill(n):
    """`n` rows for every block of the dashboard, and rows none of them must list."""
    for i in range(n):
        make_article(f"Brouillon {i}", draft=True)
        make_article(f"Programmé {i}", published_on=days(10 + i), publish_at=at_noon(days(10 + i)))
        make_partnership(name=f"Partenariat en préparation {i}", publication=Publication.DRAFT)
        covered = make_partnership(name=f"Partenariat raconté {i}")
        make_article(f"Publié {i}", published_on=days(-1), partnerships=[covered])
        agreement(covered, title=f"Bientôt échu {i}", valid_from=days(-400), valid_until=days(30 + i))
        lapsed = agreement(title=f"Échu {i}", valid_from=days(-800), valid_until=days(-30 - i))
        make_delegation(f"Visite {i}", start_on=days(-i), end_on=days(-i), partnership=lapsed.partnership)
    renewed = agreement(title="Échu mais renouvelé", valid_from=days(-800), valid_until=days(-10))
    agreement(renewed.partnership, title="Le renouvellement", valid_from=days(-9), valid_until=days(900))
    agreement(title="Loin de son terme", valid_from=days(-10), valid_until=days(400))
    subscriber = make_subscriber()
    edition = make_edition(subject="La lettre de décembre", status=SENT, sent_at=timezone.now())
    Delivery.objects.create(edition=edition, subscriber=subscriber, status=Delivery.Status.FAILED)


def test_each_block_lists_its_rows_and_not_the_others(staff_client):
    fill(1)
    response = staff_client.get(INDEX)
    blocks = response.context["dashboard_blocks"]
    listed = {block.title: [row.label for row in block.rows] for block in blocks}
    without_news = Partnership.objects.exclude(name="Partenariat raconté 0").order_by("-pk")[:10]
    assert listed == {
        "À paraître : articles": ["Programmé 0", "Brouillon 0"],
        "À paraître : partenariats": ["Partenariat en préparation 0"],
        "Accords qui expirent dans les 6 mois": ["Bientôt échu 0"],
        "Accords expirés sans renouvellement": ["Échu 0"],
        "Dernières visites": ["Visite 0"],
        "Partenariats sans article": [str(partnership) for partnership in without_news],
    }
    assert "La lettre de décembre" in response.text and "envoyée" in response.text
    assert "0 envoyés, 0 à envoyer, 1 échecs" in response.text


def test_the_stock_app_list_stays_below_the_dashboard(staff_client):
    html = staff_client.get(INDEX).text
    assert html.index("À suivre") < html.index("Tous les contenus") < html.index("Coopération")
    assert reverse("admin:cooperation_partnership_changelist") in html
    assert "Rien en attente." in html and "Aucune édition." in html


def test_a_block_shows_ten_rows_the_total_and_links_to_the_filtered_list(staff_client):
    fill(12)
    response = staff_client.get(INDEX)
    drafts = response.context["dashboard_blocks"][0]
    assert drafts.title == "À paraître : articles"
    assert len(drafts.rows) == 10 and drafts.total == 24
    assert "Voir tout (24)" in response.text
    for block in response.context["dashboard_blocks"]:
        listed = staff_client.get(block.all_url)
        assert listed.status_code == 200, block.all_url
        assert listed.context["cl"].result_count == block.total, block.title


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("/admin/cooperation/agreement/?echeance=bientot", {"Bientôt échu 0"}),
        ("/admin/cooperation/agreement/?echeance=expire", {"Échu 0"}),
        ("/admin/cooperation/partnership/?articles=sans", None),
        ("/admin/cooperation/partnership/?articles=avec", {"Partenariat raconté 0"}),
    ],
)
def test_the_admin_filters_the_blocks_link_to(staff_client, url, names):
    fill(1)
    listed = {str(row) for row in staff_client.get(url).context["cl"].result_list}
    if names is None:
        assert "Partenariat raconté 0" not in listed and listed
    else:
        assert listed == names


def test_the_page_costs_the_same_queries_with_one_row_or_many(staff_client):
    fill(1)
    staff_client.get(INDEX)  # content types, translations
    with_one = count_queries(staff_client, INDEX)
    fill(15)
    assert count_queries(staff_client, INDEX) == with_one


def test_staff_see_only_the_blocks_of_what_they_may_view(client, django_user_model):
    fill(1)
    editor = django_user_model.objects.create_user("agenda", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_delegation"))
    client.force_login(editor)
    response = client.get(INDEX)
    assert [block.title for block in response.context["dashboard_blocks"]] == ["Dernières visites"]
    assert response.context["dashboard_newsletter"] is None
    assert "Brouillon 0" not in response.text


def test_the_dashboard_reads_in_english(staff_client):
    html = staff_client.get(INDEX, HTTP_ACCEPT_LANGUAGE="en").text
    assert "Not yet online: articles" in html and "Latest visits" in html


class TestExpiry:
    def test_expiring_within_six_months_unless_renewed(self):
        soon = agreement(valid_from=days(-400), valid_until=days(170))
        agreement(valid_from=days(-400), valid_until=days(200))  # beyond six months
        renewed = agreement(valid_from=days(-400), valid_until=days(20))
        agreement(renewed.partnership, valid_from=days(21), valid_until=days(900), renews=renewed)
        assert list(Agreement.objects.expiring(months=6)) == [soon]

    def test_lapsed_when_nothing_renews_it_nor_keeps_the_partnership_in_force(self):
        lapsed = agreement(valid_from=days(-800), valid_until=days(-1))
        still_covered = agreement(valid_from=days(-800), valid_until=days(-1))
        agreement(still_covered.partnership, valid_from=days(-100), valid_until=days(100))
        assert list(Agreement.objects.lapsed()) == [lapsed]

    def test_partnerships_without_articles_newest_first(self):
        from articles.models import partnerships_without_articles

        older, newer = make_partnership(), make_partnership()
        make_article(partnerships=[make_partnership()])
        assert list(partnerships_without_articles()) == [newer, older]


def test_the_latest_visits_come_first(staff_client):
    for i in range(12):
        make_delegation(f"Visite {i:02}", start_on=days(-30 * i), end_on=days(-30 * i))
    blocks = staff_client.get(INDEX).context["dashboard_blocks"]
    rows = next(block.rows for block in blocks if block.title == "Dernières visites")
    assert [row.label for row in rows] == [f"Visite {i:02}" for i in range(10)]
    assert Delegation.objects.count() == 12 and Partnership.objects.exists() is False
    assert Article.objects.exists() is False
