from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from cooperation.dates import Precision, format_partial_date
from cooperation.models import (
    Agreement,
    Body,
    Delegation,
    Domain,
    Event,
    Partnership,
    Person,
    SlugManager,
)

from .sanitize import sanitize_html


class Theme(models.Model):
    """An editorial section of the news (« Gouvernance »)."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("description"), blank=True)

    objects = SlugManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:theme", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED, published_on__lte=timezone.localdate())

    def for_cards(self):
        """What a list of article cards shows, in a fixed number of queries."""
        return self.prefetch_related("themes")

    def related_to(self, article, limit=3):
        """Other published articles, by what they share with `article`, then the most recent.

        Shared partnerships weigh most, then bodies, domains and tags; ties go to the newest.
        """
        shared = {
            "shared_partnerships": ("partnerships", article.partnerships.values("pk")),
            "shared_bodies": ("bodies", article.bodies.values("pk")),
            "shared_domains": ("domains", article.domains.values("pk")),
            "shared_tags": ("tags", article.tags.values("pk")),
        }
        return (
            self.published()
            .exclude(pk=article.pk)
            .annotate(
                **{
                    name: Count(field, filter=Q(**{f"{field}__in": pks}), distinct=True)
                    for name, (field, pks) in shared.items()
                }
            )
            .order_by(*(f"-{name}" for name in shared), "-published_on", "-pk")[:limit]
        )


class ArticleManager(SlugManager.from_queryset(ArticleQuerySet)):
    pass


class TaggedArticleManager(models.Manager):
    def get_by_natural_key(self, article_slug, tag_name):
        return self.get(content_object__slug=article_slug, tag__name=tag_name)


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)

    objects = TaggedArticleManager()

    class Meta:
        verbose_name = _("mot-clé de l'article")
        verbose_name_plural = _("mots-clés des articles")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_article_unique")
        ]

    # Lets the seed fixtures (loaddata) find the row again, so loading twice changes nothing.
    def natural_key(self):
        return (self.content_object.slug, self.tag.name)

    natural_key.dependencies = ["articles.article", "taggit.tag"]


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        PUBLISHED = "published", _("publié")

    title = models.CharField(_("titre"), max_length=250)
    slug = models.SlugField(unique=True, max_length=250)
    standfirst = models.TextField(_("chapô"), blank=True)
    body = models.TextField(_("texte"), help_text=_("HTML simple ; scripts et styles sont retirés."))
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
    # PostgreSQL only: title A, standfirst B, body C; kept current by cooperation/signals.py.
    search_vector = SearchVectorField(null=True, editable=False)

    SEARCH_WEIGHTS = {"A": "title", "B": "standfirst", "C": "body"}

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "-published_on"], name="article_status_date_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:article-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_on <= timezone.localdate()

    @property
    def date_display(self):
        return format_partial_date(self.published_on, self.date_precision)
