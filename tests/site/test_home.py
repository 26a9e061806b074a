import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


class TestHome:
    def test_home_shows_news_partnerships_and_figures(self, client, seed):
        response = client.get(reverse("home"))
        html = response.content.decode()
        assert "Namur et Hué signent" in html
        assert "Hué – Namur" in html
        assert response.context["partnership_count"] == 3
        assert response.context["agreements_in_force_count"] >= 1
        assert 'action="{}"'.format(reverse("cooperation:search")) in html
