"""Abstract bases shared by the apps: natural keys for the seed fixtures, slugged public pages,
publication states."""

from django.db import models
from django.db.models import Min, Q
from django.dispatch import Signal
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


def in_order(queryset, pks):
    """`queryset` limited to `pks`, in that order."""
    position = models.Case(
        *(models.When(pk=pk, then=models.Value(index)) for index, pk in enumerate(pks)),
        output_field=models.IntegerField(),
    )
    return queryset.filter(pk__in=pks).order_by(position) if pks else queryset.none()


class RichTextField(models.TextField):
    """A long text staff write with the admin's editor: HTML, sanitized whenever the row is saved
    (one by one or in bulk; a fixture load, `raw`, is taken as it is written)."""

    def pre_save(self, model_instance, add):
        from .sanitize import sanitize_html

        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        from .editor import TEXT_HELP
        from .editor import RichTextField as EditorField

        # Whatever the admin's overrides for a TextField say (a textarea, MultilineField).
        kwargs.update(form_class=EditorField, widget=None)
        if not self.help_text:
            kwargs.setdefault("help_text", TEXT_HELP)
        return super().formfield(**kwargs)


class NaturalKeyQuerySet(models.QuerySet):
    """`get_by_natural_key` for loaddata, from the model's `natural_key_fields`."""

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.model.natural_key_fields, values, strict=True)))


class NaturalKeyModel(models.Model):
    """A row the seed fixtures find again by `natural_key_fields`, so loading twice adds nothing.

    Each field may follow relations (`partnership__slug`).
    """

    natural_key_fields = ("slug",)

    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        abstract = True

    def natural_key(self):
        values = []
        for path in self.natural_key_fields:
            value = self
            for name in path.split("__"):
                value = getattr(value, name)
            values.append(value)
        return tuple(values)


class PublicPageModel(NaturalKeyModel):
    """A named row with a public page of its own at the URL named `url_name`, found by its slug."""

    url_name = None
    name_field = "name"

    slug = models.SlugField(unique=True, max_length=250)

    class Meta:
        abstract = True

    def __str__(self):
        return getattr(self, self.name_field)

    def get_absolute_url(self):
        return reverse(self.url_name, args=[self.slug])


class Publication(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    PUBLISHED = "published", _("publié")
    WITHDRAWN = "withdrawn", _("retiré")


class PublicationState(models.TextChoices):
    """What an item is to visitors now: `Publication`, with « programmé » for a future `publish_at`."""

    DRAFT = "draft", _("brouillon")
    SCHEDULED = "scheduled", _("programmé")
    PUBLISHED = "published", _("publié")
    WITHDRAWN = "withdrawn", _("retiré")


def date_and_time(at):
    """{"date": "3 déc. 2026", "time": "14:00"}, in the site's time zone."""
    local = timezone.localtime(at)
    return {"date": formats.date_format(local, "j N Y"), "time": formats.time_format(local, "H:i")}


def scheduled_for(at):
    """« programmé pour le 3 déc. 2026 à 14:00 »."""
    return _("programmé pour le %(date)s à %(time)s") % date_and_time(at)


# Sent (by core.pagecache) once scheduled items have gone live, with the period they went live in:
# receivers refresh what they store about them (search texts, statuses).
went_live = Signal()


def published_condition(relation="", now=None):
    """The condition of `PublishableQuerySet.published`, on the row at the end of `relation` if
    given (`"agreement"`, `"partnership__agreements"`), so that it shares the query's join."""
    prefix = f"{relation}__" if relation else ""
    at_once_or_past = Q(**{f"{prefix}publish_at__isnull": True}) | Q(
        **{f"{prefix}publish_at__lte": now or timezone.now()}
    )
    return Q(**{f"{prefix}publication": Publication.PUBLISHED}) & at_once_or_past


class PublishableQuerySet(NaturalKeyQuerySet):
    def published(self, now=None):
        """What visitors see now: published, and either at once or at a time now past."""
        return self.filter(published_condition(now=now))

    def unpublished(self, now=None):
        """What visitors do not see now (two conditions, each served by the publication index)."""
        return self.filter(
            Q(publication__in=[Publication.DRAFT, Publication.WITHDRAWN])
            | Q(publication=Publication.PUBLISHED, publish_at__gt=now or timezone.now())
        )

    def scheduled(self, now=None):
        return self.filter(publication=Publication.PUBLISHED, publish_at__gt=now or timezone.now())

    def in_state(self, state, now=None):
        """Rows whose `publication_state` is `state` (a PublicationState value)."""
        if state == PublicationState.SCHEDULED:
            return self.scheduled(now)
        if state == PublicationState.PUBLISHED:
            return self.published(now)
        return self.filter(publication=state)

    def pending(self, now=None):
        """Rows not yet online that will be: drafts and scheduled rows."""
        return self.filter(
            Q(publication=Publication.DRAFT)
            | Q(publication=Publication.PUBLISHED, publish_at__gt=now or timezone.now())
        )

    def went_live(self, since, until):
        return self.filter(publication=Publication.PUBLISHED, publish_at__gte=since, publish_at__lte=until)

    def next_go_live(self, now=None):
        """The earliest `publish_at` still to come, or None."""
        return self.scheduled(now).aggregate(next=Min("publish_at"))["next"]


class Publishable(models.Model):
    """A row visitors see only once published: draft, scheduled (published with a `publish_at` to
    come), published or withdrawn. Rows made in code (fixtures, generators, shell) are published;
    the admin starts new ones as drafts."""

    publication = models.CharField(
        _("publication"), max_length=10, choices=Publication.choices, default=Publication.PUBLISHED
    )
    publish_at = models.DateTimeField(
        _("mise en ligne le"),
        null=True,
        blank=True,
        help_text=_("Date et heure (heure de Paris) ; laissée vide, dès la publication."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        """Whether visitors see it now (no query)."""
        return self.publication == Publication.PUBLISHED and (
            self.publish_at is None or self.publish_at <= timezone.now()
        )

    @property
    def state(self):
        if self.publication == Publication.PUBLISHED and not self.is_published:
            return PublicationState.SCHEDULED
        return PublicationState(self.publication)

    @property
    def publication_state(self):
        """« brouillon », « programmé pour le 3 déc. 2026 à 14:00 », « publié » or « retiré »."""
        state = self.state
        return scheduled_for(self.publish_at) if state == PublicationState.SCHEDULED else state.label

    def publish(self):
        self.publication, self.publish_at = Publication.PUBLISHED, None

    def withdraw(self):
        self.publication = Publication.WITHDRAWN

    def schedule(self, at):
        self.publication, self.publish_at = Publication.PUBLISHED, at


def publishable_models():
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, Publishable)]


class ContentVersion(models.Model):
    """The page cache's content version (core/pagecache.py), in one row beside its copy in the
    cache: an emptied cache (a restarted Redis) still finds the version, and with it what was built
    under it (the directory's snapshot, cooperation/directory.py)."""

    version = models.BigIntegerField()

    class Meta:
        verbose_name = _("version du contenu")
        verbose_name_plural = _("versions du contenu")

    def __str__(self):
        return str(self.version)
