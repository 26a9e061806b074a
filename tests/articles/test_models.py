import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from core.models import Publication

pytestmark = pytest.mark.django_db


class TestArticle:
    def test_body_is_sanitized_on_save(self):
        article = Article.objects.create(
            title="Test",
            slug="test",
            text='<p onclick="steal()">Bonjour<script>alert(1)</script>'
            '<a href="javascript:alert(2)">lien</a><a href="https://aimf.asso.fr">AIMF</a></p>',
        )
        article.refresh_from_db()
        assert "<script" not in article.text
        assert "onclick" not in article.text
        assert "javascript:" not in article.text
        assert '<a href="https://aimf.asso.fr" rel="noopener noreferrer">AIMF</a>' in article.text
        assert "Bonjour" in article.text

    def test_published_excludes_drafts_and_future_articles(self):
        today = datetime.date.today()
        published = Article.objects.create(title="Publié", slug="publie", text="x", published_on=today)
        Article.objects.create(title="Brouillon", slug="brouillon", text="x", publication=Publication.DRAFT)
        Article.objects.create(title="Retiré", slug="retire", text="x", publication=Publication.WITHDRAWN)
        Article.objects.create(
            title="Demain",
            slug="demain",
            text="x",
            published_on=today + datetime.timedelta(days=2),
            publish_at=timezone.now() + datetime.timedelta(days=2),
        )
        assert list(Article.objects.published()) == [published]
