"""Staff preview any unpublished page on the site, marked and never cached; visitors get a 404."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from core.models import Publication
from core.pagecache import AnonymousPageCacheMiddleware
from tests.factories import (
    make_agreement,
    make_article,
    make_body,
    make_delegation,
    make_event,
    make_partnership,
    make_person,
)

pytestmark = pytest.mark.django_db

MAKERS = {
    "partnership": make_partnership,
    "agreement": make_agreement,
    "delegation": make_delegation,
    "body": make_body,
    "person": make_person,
    "event": make_event,
    "article": make_article,
}
BANNER = "Aperçu — non publié"
NOINDEX = '<meta name="robots" content="noindex">'


def unpublished(kind, **state):
    row = MAKERS[kind]()
    for field, value in (state or {"publication": Publication.DRAFT}).items():
        setattr(row, field, value)
    row.save()
    return row


@pytest.mark.parametrize("kind", MAKERS)
def test_staff_preview_a_draft_that_visitors_cannot_see(client, staff_client, kind):
    row = unpublished(kind)
    url = row.get_absolute_url()
    response = staff_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert BANNER in html and "(brouillon)" in html
    assert NOINDEX in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"
    assert not AnonymousPageCacheMiddleware.storable(response)
    client.logout()
    assert client.get(url).status_code == 404


def test_a_scheduled_or_withdrawn_page_says_so(staff_client):
    at = timezone.make_aware(datetime.datetime(2099, 12, 3, 14, 0))
    scheduled = unpublished("partnership", publish_at=at)
    assert "(programmé pour le 3 déc. 2099 à 14:00)" in staff_client.get(scheduled.get_absolute_url()).text
    withdrawn = unpublished("article", publication=Publication.WITHDRAWN)
    assert "(retiré)" in staff_client.get(withdrawn.get_absolute_url()).text


def test_a_published_page_has_no_banner_for_staff(staff_client):
    response = staff_client.get(make_partnership().get_absolute_url())
    assert BANNER not in response.text and NOINDEX not in response.text
    assert "no-store" not in response.get("Cache-Control", "")


def test_staff_without_the_view_permission_get_a_404(client, django_user_model):
    row = unpublished("body")
    editor = django_user_model.objects.create_user("redacteur", is_staff=True)
    client.force_login(editor)
    assert client.get(row.get_absolute_url()).status_code == 404
    editor.user_permissions.add(Permission.objects.get(codename="view_body"))
    client.force_login(django_user_model.objects.get(pk=editor.pk))  # permissions are cached per user
    assert client.get(row.get_absolute_url()).status_code == 200


def test_a_signed_in_visitor_who_is_not_staff_gets_a_404(client, django_user_model):
    row = unpublished("person")
    client.force_login(django_user_model.objects.create_user("lecteur"))
    assert client.get(row.get_absolute_url()).status_code == 404


@pytest.mark.on_commit
def test_a_preview_never_reaches_the_page_cache(client, staff, django_capture_on_commit_callbacks):
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        row = unpublished("partnership")
    with override_settings(PAGE_CACHE_SECONDS=600):
        client.force_login(staff)
        assert client.get(row.get_absolute_url()).status_code == 200
        client.logout()
        client.cookies.clear()
        assert client.get(row.get_absolute_url()).status_code == 404
    cache.clear()


def test_view_on_site_in_the_admin_opens_the_preview(staff_client):
    row = unpublished("agreement")
    change_page = staff_client.get(reverse("admin:cooperation_agreement_change", args=[row.pk]))
    view_on_site = reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(row).pk, row.pk])
    assert view_on_site in change_page.text
    response = staff_client.get(view_on_site, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith(row.get_absolute_url())
    assert BANNER in response.text
