from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from cooperation.models import Agreement, Body, Delegation, Domain, Event, Partnership, Person
from core.dates import Precision, format_partial_date
from core.models import NaturalKeyModel, NaturalKeyQuerySet, PublicPageModel, in_order

from .sanitize import sanitize_html


class Theme(PublicPageModel):
    """An editorial section of the news (« Gouvernance »)."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    url_name = "articles:theme"

    class Meta:
        ordering = ["name"]
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")


class ArticleQuerySet(NaturalKeyQuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED, published_on__lte=timezone.localdate())

    def about(self, **relations):
        """Articles about any of `relations` (`partnerships=…`, `bodies=…`), each once.

        One semi-join per relation: a single filter with OR across several multi-valued relations
        would join each article's partnerships to its agreements and delegations.
        """
        condition = Q()
        for relation, value in relations.items():
            condition |= Q(pk__in=Article.objects.filter(**{relation: value}).values("pk"))
        return self.filter(condition)

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
        shared = {
            "shared_partnerships": ("partnerships", article.partnerships.values("pk")),
            "shared_bodies": ("bodies", article.bodies.values("pk")),
            "shared_domains": ("domains", article.domains.values("pk")),
            "shared_tags": ("tags", article.tags.values("pk")),
        }
        counts = {
            name: Count(field, filter=Q(**{f"{field}__in": pks}), distinct=True)
            for name, (field, pks) in shared.items()
        }
        ranking = [*(f"-{name}" for name in shared), "-published_on", "-pk"]
        others = Article.objects.published().exclude(pk=article.pk).order_by("-published_on", "-pk")
        found = []
        for field, pks in shared.values():
            recent = others.exclude(pk__in=found).filter(shares(field, pks)).values("pk")[:candidates]
            ranked = Article.objects.filter(pk__in=recent).annotate(**counts).order_by(*ranking)
            found += ranked.values_list("pk", flat=True)[:limit]
        found += others.exclude(pk__in=found).values_list("pk", flat=True)[:limit]
        return in_order(self.annotate(**counts), found[:limit])


def shares(field, pks):
    """Articles linked by `field` (partnerships, bodies, domains, tags) to one of `pks`."""
    if field == "tags":
        return Exists(TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag__in=pks))
    links = Article._meta.get_field(field).remote_field.through.objects
    return Exists(
        links.filter(
            article=OuterRef("pk"), **{f"{Article._meta.get_field(field).m2m_reverse_field_name()}__in": pks}
        )
    )


class TaggedArticle(NaturalKeyModel, TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)

    natural_key_fields = ("content_object__slug", "tag__name")

    class Meta:
        verbose_name = _("mot-clé de l'article")
        verbose_name_plural = _("mots-clés des articles")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_article_unique")
        ]


class Article(PublicPageModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        PUBLISHED = "published", _("publié")

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
    published_on = models.DateField(_("date de publication"), default=timezone.localdate)
    date_precision = models.CharField(
        _("précision de la date"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("« mois » quand la source ne donne que le mois (2024-09)."),
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT)
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
        indexes = [models.Index(fields=["status", "-published_on"], name="article_status_date_idx")]

    def save(self, *args, **kwargs):
        self.text = sanitize_html(self.text)
        super().save(*args, **kwargs)

    @property
    def date_display(self):
        return format_partial_date(self.published_on, self.date_precision)
