"""The admin as a whole: its title, and every page of every registered model."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.admin_urls import admin_url

pytestmark = pytest.mark.django_db


def test_admin_site_is_titled_for_the_product(staff_client):
    response = staff_client.get(reverse("admin:index"))
    assert "Atlas de la coopération décentralisée" in response.text


def test_every_changelist_add_page_and_seed_row_answers_200(staff_client, seed):
    checked_rows = 0
    for model, model_admin in admin.site._registry.items():
        assert staff_client.get(admin_url(model, "changelist")).status_code == 200, model
        if model_admin.has_add_permission(staff_client.get("/").wsgi_request):
            assert staff_client.get(admin_url(model, "add")).status_code == 200, model
        for pk in model.objects.values_list("pk", flat=True)[:20]:
            response = staff_client.get(admin_url(model, "change", pk))
            assert response.status_code == 200, (model, pk)
            checked_rows += 1
    assert checked_rows > 30  # the seed rows really were there
