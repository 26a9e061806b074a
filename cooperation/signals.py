"""Keep the denormalised search texts current when a partnership or a row it shows changes.

Fixtures load with raw=True and are skipped here: `seed` runs `refresh_search_index` afterwards.
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from articles.models import Article

from . import search
from .models import (
    Agreement,
    AgreementDomain,
    Body,
    Country,
    Domain,
    Event,
    Partnership,
    Party,
    Person,
    Signatory,
    TaggedPartnership,
)

# Which partnerships show a changed row of each model in their search texts.
AFFECTED = {
    Partnership: lambda row: Q(pk=row.pk),
    Party: lambda row: Q(pk=row.partnership_id),
    # An agreement moved to another partnership leaves the old one's texts to refresh too.
    Agreement: lambda row: Q(pk=row.partnership_id) | Q(pk=getattr(row, "previous_partnership_id", None)),
    AgreementDomain: lambda row: Q(agreements=row.agreement_id),
    Signatory: lambda row: Q(agreements=row.agreement_id),
    TaggedPartnership: lambda row: Q(pk=row.content_object_id),
    Body: lambda row: Q(parties=row) | Q(agreements__signed_at=row),
    Country: lambda row: Q(parties__country=row),
    Domain: lambda row: Q(domains=row) | Q(agreements__domains=row),
    Person: lambda row: Q(agreements__signatories__person=row),
    Event: lambda row: Q(agreements__event=row),
    Tag: lambda row: Q(tags=row),
}
SHOWN_ONLY_THROUGH_OTHER_ROWS = {Partnership, Body, Country, Domain, Person, Event, Tag}


def refresh(condition):
    Partnership.objects.filter(
        pk__in=Partnership.objects.filter(condition).values("pk")
    ).refresh_search_index()


@receiver(pre_save, sender=Agreement)
def remember_previous_partnership(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        instance.previous_partnership_id = (
            Agreement.objects.filter(pk=instance.pk).values_list("partnership_id", flat=True).first()
        )


@receiver(post_save)
@receiver(post_delete)
def refresh_partnerships(sender, instance, raw=False, **kwargs):
    affected = AFFECTED.get(sender)
    if affected is None or raw:
        return
    if kwargs.get("signal") is post_delete and sender in SHOWN_ONLY_THROUGH_OTHER_ROWS:
        return  # Deleting one deletes the rows that show it, or is refused: they signal themselves.
    refresh(affected(instance))


@receiver(m2m_changed, sender=Partnership.domains.through)
def refresh_after_domains_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # `instance` is a Domain: after a clear, pk_set is None and its links are gone.
        refresh(Q(pk__in=pk_set or []))
    else:
        refresh(Q(pk=instance.pk))


@receiver(post_save, sender=Article)
def refresh_article_vector(sender, instance, raw=False, **kwargs):
    if not raw and search.on_postgres(Article.objects.all()):
        Article.objects.filter(pk=instance.pk).update(search_vector=search.vector(Article.SEARCH_WEIGHTS))
