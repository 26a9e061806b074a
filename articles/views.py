import json

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView
from taggit.models import Tag

from cooperation.models import Agreement, Delegation, Partnership
from core.views import PreviewMixin
from media_library.models import absolute_url

from .filters import ArticleFilter
from .models import Article, TaggedArticle, Theme

PAGE_SIZE = 10
SITE_NAME = "Atlas de la coopération décentralisée"

# What json.dumps leaves as is but would end a <script> element or start an HTML comment.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld(data):
    """A JSON-LD payload safe to place inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=1).translate(JSON_SCRIPT_ESCAPES))


class ArticleListView(FilterView):
    filterset_class = ArticleFilter
    paginate_by = PAGE_SIZE
    template_name = "articles/article_list.html"

    def get_queryset(self):
        return Article.objects.published().for_cards()


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
        if image := article.lead_image:
            shown = image.fallback_rendition
            data["image"] = {
                "@type": "ImageObject",
                "url": absolute_url(shown.url),
                "width": shown.width,
                "height": shown.height,
                "caption": image.alt_text,
                "creditText": image.credit,
                **({"license": image.licence_url} if image.licence_url else {}),
            }
        else:
            # The site's link-preview image (static/brand/, templates/includes/social_image.html).
            language = "en" if get_language() == "en" else "fr"
            data["image"] = {
                "@type": "ImageObject",
                "url": absolute_url(static(f"brand/social-{language}.png")),
                "width": 1200,
                "height": 630,
            }
        return data
