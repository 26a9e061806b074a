from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from cooperation.models import Agreement, Body, Delegation, Domain, Event, Partnership, Person
from core.dates import Precision, format_partial_date
from core.models import (
    NaturalKeyModel,
    Publication,
    PublicPageModel,
    Publishable,
    PublishableQuerySet,
    in_order,
)
from core.sanitize import sanitize_html
from core.search import NAME_COLLATION
from media_library.rich_text import responsive_images


class Theme(PublicPageModel):
    """An editorial section of the news (« Gouvernance »)."""

    name = models.CharField(_("nom"), max_length=100, db_collation=NAME_COLLATION, unique=True)
    description = models.TextField(_("description"), blank=True)

    url_name = "articles:theme"

    class Meta:
        ordering = ["name"]
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")


class ArticleQuerySet(PublishableQuerySet):
    def about(self, **relations):
        """Articles about any of `relations` (`partnerships=…`, `bodies=…`), each once.

        One semi-join on the union of the relations' articles: a single filter with OR across
        several multi-valued relations would join each article's partnerships to its agreements and
        delegations, and an OR of one semi-join per relation, estimated to keep most articles, had
        the newest-first index walked through all 100,000 for a partnership with no article (170 ms).
        """
        linked = [
            Article.objects.filter(**{relation: value}).order_by().values("pk")
            for relation, value in relations.items()
        ]
        return self.filter(pk__in=linked[0].union(*linked[1:]))

    def for_cards(self):
        """What a list of article cards shows, in a fixed number of queries."""
        return self.select_related("lead_image").prefetch_related("themes")

    def related_to(self, article, limit=3, candidates=200):
        """Other published articles, by what they share with `article`, then the most recent.

        Shared partnerships weigh most, then bodies, domains and tags; ties go to the newest.
        Ranked level by level (anything sharing a partnership beats anything that does not), each
        level among its `candidates` most recent articles: a fixed number of bounded queries, even
        for a partnership with thousands of articles.
        """
        # The article's own links, read once (prefetched on its page): a level with none is
        # skipped, and the others filter on a short list of keys.
        shared = {
            f"shared_{field}": (field, [linked.pk for linked in getattr(article, field).all()])
            for field in ("partnerships", "bodies", "domains", "tags")
        }
        counts = {
            name: Count(field, filter=Q(**{f"{field}__in": pks}), distinct=True) if pks else Value(0)
            for name, (field, pks) in shared.items()
        }
        ranking = [*(f"-{name}" for name in shared), "-published_on", "-pk"]
        others = Article.objects.published().exclude(pk=article.pk).order_by("-published_on", "-pk")
        found = []
        for field, pks in shared.values():
            if not pks:
                continue
            recent = others.exclude(pk__in=found).filter(pk__in=linked_to(field, pks))[:candidates]
            ranked = Article.objects.filter(pk__in=recent.values("pk")).annotate(**counts).order_by(*ranking)
            found += ranked.values_list("pk", flat=True)[:limit]
        found += others.exclude(pk__in=found).values_list("pk", flat=True)[:limit]
        return in_order(self.annotate(**counts), found[:limit])


def partnership_has_articles():
    """A condition on partnerships: some article is about them."""
    return Exists(Article.partnerships.through.objects.filter(partnership=OuterRef("pk")))


def partnerships_without_articles():
    """Partnerships no article is about, the most recently created first."""
    return Partnership.objects.filter(~partnership_has_articles()).order_by("-pk")


def linked_to(field, pks):
    """The keys of articles linked by `field` (partnerships, bodies, domains, tags) to one of `pks`.

    A semi-join the planner may drive from the link table's index: walking the articles by date
    until enough share a rare value read tens of thousands of them.
    """
    if field == "tags":
        return TaggedArticle.objects.filter(tag__in=pks).values("content_object_id")
    relation = Article._meta.get_field(field)
    links = relation.remote_field.through.objects
    return links.filter(**{f"{relation.m2m_reverse_field_name()}__in": pks}).values("article_id")


class TaggedArticle(NaturalKeyModel, TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)

    natural_key_fields = ("content_object__slug", "tag__name")

    class Meta:
        verbose_name = _("mot-clé de l'article")
        verbose_name_plural = _("mots-clés des articles")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_article_unique")
        ]


def clean_body(html):
    """An article body as stored: sanitized, its library images responsive."""
    return responsive_images(sanitize_html(html))


class Article(Publishable, PublicPageModel):
    title = models.CharField(_("titre"), max_length=250)
    slug = models.SlugField(unique=True, max_length=250)
    standfirst = models.TextField(_("chapô"), blank=True)
    text = models.TextField(_("texte"), help_text=_("HTML simple ; scripts et styles sont retirés."))
    lead_image = models.ForeignKey(
        "media_library.Image",
        verbose_name=_("image principale"),
        # PROTECT: deleting an image still shown as a lead image is refused, and the admin lists
        # where it is used, rather than pages silently losing their picture.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        help_text=_("En tête de l'article et sur sa vignette, choisie dans la médiathèque."),
    )
    # The date shown (as precise as the source gives it); when it goes online is `publish_at`.
    published_on = models.DateField(_("date de publication"), default=timezone.localdate)
    date_precision = models.CharField(
        _("précision de la date"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("« mois » quand la source ne donne que le mois (2024-09)."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="articles", verbose_name=_("thématiques"))
    tags = TaggableManager(through=TaggedArticle, blank=True, verbose_name=_("mots-clés"))
    domains = models.ManyToManyField(Domain, blank=True, related_name="articles", verbose_name=_("domaines"))
    partnerships = models.ManyToManyField(
        Partnership, blank=True, related_name="articles", verbose_name=_("partenariats")
    )
    agreements = models.ManyToManyField(
        Agreement, blank=True, related_name="articles", verbose_name=_("accords")
    )
    delegations = models.ManyToManyField(
        Delegation, blank=True, related_name="articles", verbose_name=_("délégations")
    )
    bodies = models.ManyToManyField(Body, blank=True, related_name="articles", verbose_name=_("acteurs"))
    people = models.ManyToManyField(Person, blank=True, related_name="articles", verbose_name=_("personnes"))
    events = models.ManyToManyField(Event, blank=True, related_name="articles", verbose_name=_("événements"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # PostgreSQL only: title A, standfirst B, text C; kept current by articles/indexing.py.
    search_vector = SearchVectorField(null=True, editable=False)

    SEARCH_WEIGHTS = {"A": "title", "B": "standfirst", "C": "text"}
    url_name = "articles:article-detail"
    name_field = "title"

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["publication", "publish_at"], name="article_publication_idx"),
            # The sitemap index's « last changed » of the section: the newest published row.
            models.Index(
                fields=["-updated_at"], condition=Q(publication="published"), name="article_updated_idx"
            ),
            # The news list's order among published rows.
            models.Index(
                fields=["-published_on", "-id", "publish_at"],
                condition=Q(publication="published"),
                name="article_public_date_idx",
            ),
        ]

    def save(self, *args, **kwargs):
        self.text = clean_body(self.text)
        super().save(*args, **kwargs)

    def clean(self):
        # A date to come is shown only once it has come: the time it goes online says when.
        if (
            self.publication == Publication.PUBLISHED
            and self.published_on
            and self.published_on > timezone.localdate()
            and (self.publish_at is None or timezone.localdate(self.publish_at) < self.published_on)
        ):
            raise ValidationError(
                {
                    "publish_at": _(
                        "L'article est daté d'un jour à venir : indiquez quand il doit paraître "
                        "(ce jour-là ou après), ou mettez-le en brouillon."
                    )
                }
            )

    def publish(self):
        """Online now. An article scheduled for a later day was dated that day: it is dated today,
        or the site would show a date to come (and the admin refuse its next save, see clean)."""
        super().publish()
        if self.published_on and self.published_on > timezone.localdate():
            self.published_on, self.date_precision = timezone.localdate(), Precision.DAY

    def schedule(self, at):
        """Go online at `at`, dated that day."""
        super().schedule(at)
        self.published_on, self.date_precision = timezone.localdate(at), Precision.DAY

    @property
    def date_display(self):
        return format_partial_date(self.published_on, self.date_precision)
