"""The admin of every public model: the state in the list, a filter by state, the « Publication »
fieldset, drafts by default, and the publish / withdraw / schedule actions."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from cooperation.models import Agreement, Body, Delegation, Event, Partnership, Person
from core import pagecache
from core.models import Publication, PublicationState
from tests.factories import make_agreement, make_article, make_partnership

pytestmark = pytest.mark.django_db

MODELS = [Partnership, Agreement, Delegation, Body, Person, Event, Article]


def admin_url(model, view="changelist", *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def act(client, model, action, rows, **data):
    return client.post(
        admin_url(model),
        {"action": action, "_selected_action": [row.pk for row in rows], **data},
    )


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("model", MODELS)
def test_every_list_shows_and_filters_the_state(staff_client, model):
    response = staff_client.get(admin_url(model))
    assert response.status_code == 200
    assert "publication_display" in response.context["cl"].list_display
    for state in PublicationState.values:
        assert staff_client.get(admin_url(model), {"publication_state": state}).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_every_form_has_a_publication_fieldset_and_new_rows_start_as_drafts(staff_client, model):
    response = staff_client.get(admin_url(model, "add"))
    fieldsets = dict(response.context["adminform"].fieldsets)
    assert {"publication", "publish_at"} <= set(fieldsets["Publication"]["fields"])
    assert response.context["adminform"].form["publication"].value() == Publication.DRAFT


def test_the_list_says_when_a_scheduled_row_goes_out_and_filters_by_state(staff_client):
    at = timezone.make_aware(datetime.datetime(2099, 12, 3, 14, 0))
    scheduled = make_partnership(name="Programmé", publish_at=at)
    draft = make_partnership(name="Brouillon", publication=Publication.DRAFT)
    published = make_partnership(name="Publié")
    assert "programmé pour le 3 déc. 2099 à 14:00" in staff_client.get(admin_url(Partnership)).text

    def listed(state):
        response = staff_client.get(admin_url(Partnership), {"publication_state": state})
        return set(response.context["cl"].result_list)

    assert listed("scheduled") == {scheduled}
    assert listed("draft") == {draft}
    assert listed("published") == {published}
    assert listed("withdrawn") == set()


def test_publish_makes_a_draft_agreement_public_and_searchable(client, staff_client):
    partnership = make_partnership()
    agreement = make_agreement(partnership, title="Charte Quetzalcoatl", publication=Publication.DRAFT)
    assert "Quetzalcoatl" not in Partnership.objects.get(pk=partnership.pk).search_b

    response = act(staff_client, Agreement, "publish_selected", [agreement])
    assert response.status_code == 302
    assert messages_of(response) == ["Publication de 1 accord."]
    agreement.refresh_from_db()
    assert agreement.is_published and agreement.publish_at is None
    assert "Quetzalcoatl" in Partnership.objects.get(pk=partnership.pk).search_b
    assert agreement.get_absolute_url() in client.get(partnership.get_absolute_url()).text


@pytest.mark.on_commit
def test_withdraw_hides_rows_and_drops_the_cached_pages(staff_client, django_capture_on_commit_callbacks):
    rows = [make_article(), make_article()]
    version = pagecache.content_version()
    with django_capture_on_commit_callbacks(execute=True):
        response = act(staff_client, Article, "withdraw_selected", rows)
    assert messages_of(response) == ["Retrait de 2 articles : plus rien n'en paraît sur le site."]
    assert not Article.objects.published().filter(pk__in=[row.pk for row in rows]).exists()
    assert Article.objects.filter(publication=Publication.WITHDRAWN).count() == 2
    assert pagecache.content_version() != version
    cache.clear()


def test_schedule_asks_a_date_and_time_then_schedules(staff_client):
    articles = [make_article(draft=True), make_article()]
    page = act(staff_client, Article, "schedule_selected", articles)
    assert page.status_code == 200
    assert 'type="date"' in page.text and 'type="time"' in page.text
    assert Article.objects.filter(publish_at__isnull=False).count() == 0

    response = act(
        staff_client,
        Article,
        "schedule_selected",
        articles,
        apply="1",
        publish_at_0="2099-12-03",
        publish_at_1="14:00",
    )
    assert response.status_code == 302
    assert messages_of(response) == ["Mise en ligne de 2 articles programmée pour le 3 déc. 2099 à 14:00."]
    at = timezone.make_aware(datetime.datetime(2099, 12, 3, 14, 0))
    for article in Article.objects.filter(pk__in=[a.pk for a in articles]):
        assert article.publication == Publication.PUBLISHED and article.publish_at == at
        assert article.state == PublicationState.SCHEDULED
        assert article.published_on == datetime.date(2099, 12, 3)  # dated the day it goes out


@pytest.mark.parametrize(
    "date, time", [("2001-01-01", "10:00"), ("pas une date", "10:00"), ("2099-12-03", "")]
)
def test_schedule_refuses_a_past_or_malformed_time(staff_client, date, time):
    partnership = make_partnership(publication=Publication.DRAFT)
    response = act(
        staff_client,
        Partnership,
        "schedule_selected",
        [partnership],
        apply="1",
        publish_at_0=date,
        publish_at_1=time,
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    partnership.refresh_from_db()
    assert partnership.publication == Publication.DRAFT and partnership.publish_at is None


def test_an_article_dated_in_the_future_needs_a_time_to_go_out(staff_client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = {
        "title": "Demain",
        "slug": "demain",
        "text": "<p>Texte</p>",
        "publication": "published",
        "published_on": tomorrow.isoformat(),
        "date_precision": "day",
    }
    response = staff_client.post(admin_url(Article, "add"), data)
    assert response.status_code == 200
    assert "publish_at" in response.context["adminform"].form.errors
    response = staff_client.post(
        admin_url(Article, "add"), {**data, "publish_at_0": tomorrow.isoformat(), "publish_at_1": "08:00"}
    )
    assert response.status_code == 302
    assert Article.objects.get(slug="demain").state == PublicationState.SCHEDULED


def test_publishing_a_scheduled_article_now_dates_it_today(staff_client):
    # Found by the editorial journey: « Publier » on an article scheduled for tomorrow left it dated
    # tomorrow, shown so on the site, and its next save in the admin was refused.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    old = datetime.date(2019, 5, 1)
    scheduled = make_article(published_on=tomorrow)
    scheduled.schedule(timezone.now() + datetime.timedelta(days=1))
    scheduled.save()
    dated_earlier = make_article(published_on=old, draft=True)

    act(staff_client, Article, "publish_selected", [scheduled, dated_earlier])

    scheduled.refresh_from_db()
    dated_earlier.refresh_from_db()
    assert scheduled.state == PublicationState.PUBLISHED
    assert scheduled.published_on == timezone.localdate()
    assert dated_earlier.published_on == old  # a past date stays as it was
    scheduled.full_clean()
