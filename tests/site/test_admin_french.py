"""The admin's French covers the third-party apps: tags and the task queue."""

import pytest
from django_tasks_db.models import DBTaskResult

from newsletter import tasks
from tests.admin_urls import admin_url

pytestmark = pytest.mark.django_db


def french(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="fr").text


def test_the_admin_index_names_tags_and_tasks_in_french(staff_client):
    page = french(staff_client, "/admin/")
    for english in ("Taggit", ">Tags<", "Tasks Database Backend", "Task Results"):
        assert english not in page
    assert 'class="section" title="Modèles de l’application Mots-clés">Mots-clés</a>' in page
    assert ">Tâches en arrière-plan</a>" in page  # the app and its one model


def test_the_tag_list_speaks_french(staff_client):
    page = french(staff_client, "/admin/taggit/tag/")
    assert "<h1>Sélectionnez l’objet mot-clé à changer</h1>" in page


def test_the_task_list_and_page_speak_french(staff_client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    tasks.deliver_edition.enqueue(0)
    page = french(staff_client, admin_url(DBTaskResult, "changelist"))
    for label in ("Tâche", "Statut", "Mise en file le", "Priorité", "File", "En attente"):
        assert label in page, label
    for english in ("Task name", "Enqueued at", "Queue name", "Ready"):
        assert english not in page, english
    page = french(staff_client, admin_url(DBTaskResult, "change", DBTaskResult.objects.get().pk))
    assert "Trace d&#x27;appels" in page
    assert "À lancer après le" in page


@pytest.mark.parametrize("url", ["/admin/", "/admin/cooperation/body/add/", "/admin/login/", "/"])
def test_admin_and_public_pages_link_the_site_icon(client, staff, url):
    if url != "/admin/login/":
        client.force_login(staff)
    page = client.get(url).text
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    # Public pages add a PNG for browsers without SVG icons (templates/base.html).
    assert page.count('rel="icon"') == (2 if url == "/" else 1)
