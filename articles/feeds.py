import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from .models import Article, Theme

FEED_SIZE = 20


class ArticleFeed(Feed):
    title = _("Atlas de la coopération décentralisée — actualités")
    description = _("Les dernières actualités de la coopération décentralisée.")
    language = "fr"  # the articles are written in French whatever the interface language

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # The feed generator writes the XML in hundreds of small pieces, and the WSGI server sends
        # each piece to the socket on its own (a cached 20-item feed ran at a quarter of a page's rate).
        response.content = response.content
        return response

    def link(self):
        return reverse("articles:article-list")

    def items(self):
        return Article.objects.published().for_cards()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers read the description as HTML; the standfirst is plain text.
        return escape(item.standfirst)

    def item_pubdate(self, item):
        if item.publish_at and timezone.localdate(item.publish_at) == item.published_on:
            return item.publish_at  # the time it went online, when it went online that day
        return datetime.datetime.combine(item.published_on, datetime.time(), timezone.get_current_timezone())

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class ArticleAtomFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description


class ThemeFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, theme):
        return _("Atlas de la coopération décentralisée — %(theme)s") % {"theme": theme.name}

    def description(self, theme):
        # RSS readers read the channel's description as HTML, like an item's; the theme's is plain text.
        return escape(self.subtitle(theme))

    def subtitle(self, theme):
        return theme.description or self.title(theme)

    def link(self, theme):
        return theme.get_absolute_url()

    def items(self, theme):
        return Article.objects.published().filter(themes=theme).for_cards()[:FEED_SIZE]


class ThemeAtomFeed(ThemeFeed):
    feed_type = Atom1Feed  # its <subtitle> is text (Atom's default type): the generator escapes it
