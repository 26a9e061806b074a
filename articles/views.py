from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView
from taggit.models import Tag

from cooperation.models import Agreement, Delegation, Partnership
from core.structured_data import json_ld, site_image
from core.views import PreviewMixin, RefusedParametersMixin
from media_library.models import image_object

from .filters import ArticleFilter
from .models import Article, TaggedArticle, Theme

PAGE_SIZE = 10
SITE_NAME = "Atlas de la coopération décentralisée"


class ArticleListView(RefusedParametersMixin, FilterView):
    filterset_class = ArticleFilter
    paginate_by = PAGE_SIZE
    template_name = "articles/article_list.html"

    def get_queryset(self):
        return Article.objects.published().for_cards()

    def parameters_form(self):
        return self.filterset


class ThemeView(ListView):
    paginate_by = PAGE_SIZE
    template_name = "articles/theme_detail.html"

    def get_queryset(self):
        self.theme = get_object_or_404(Theme, slug=self.kwargs["slug"])
        return Article.objects.published().filter(themes=self.theme).for_cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(theme=self.theme, **kwargs)


class TagView(ListView):
    paginate_by = PAGE_SIZE
    template_name = "articles/tag_detail.html"

    def get_queryset(self):
        # A tag only used by drafts has no public page.
        used = TaggedArticle.objects.filter(content_object__in=Article.objects.published())
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"], pk__in=used.values("tag"))
        return Article.objects.published().filter(tags=self.tag).for_cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class ArticleDetailView(PreviewMixin, DetailView):
    template_name = "articles/article_detail.html"

    def get_queryset(self):
        return Article.objects.select_related("lead_image").prefetch_related(
            "themes",
            "tags",
            "bodies",  # read by the related articles, with the partnerships and tags
            "domains",
            Prefetch("partnerships", Partnership.objects.published()),
            Prefetch("agreements", Agreement.objects.published().select_related("partnership")),
            Prefetch(
                "delegations", Delegation.objects.published().select_related("sending_body", "host_body")
            ),
        )

    def get_context_data(self, **kwargs):
        article = self.object
        url = self.request.build_absolute_uri(article.get_absolute_url())
        return super().get_context_data(
            related_articles=Article.objects.related_to(article).for_cards(),
            share_url=url,
            json_ld=json_ld(self.news_article(article, url)),
            **kwargs,
        )

    def news_article(self, article, url):
        publisher = {"@type": "Organization", "name": SITE_NAME, "url": self.request.build_absolute_uri("/")}
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "url": url,
            "mainEntityOfPage": url,
            "datePublished": article.published_on.isoformat(),
            "dateModified": article.updated_at.isoformat(),
            "inLanguage": settings.LANGUAGE_CODE,
            "author": publisher,
            "publisher": publisher,
            "articleSection": [theme.name for theme in article.themes.all()],
            "keywords": [tag.name for tag in article.tags.all()],
        }
        if article.standfirst:
            data["description"] = article.standfirst
        data["image"] = image_object(article.lead_image) if article.lead_image else site_image()
        return data
