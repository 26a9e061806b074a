"""The partnerships' derived data: search texts and vectors, stored status; keeping them current.

A partnership's texts gather rows of other models (its bodies, agreements, signatories, domains,
tags…). When any of them changes, the receivers below note which partnerships show it, and
`queue` rebuilds those once, after the transaction commits. Fixtures load with raw=True and are
skipped: `seed` runs `refresh_search_index` afterwards.

Only what visitors may see goes in: published agreements, and the descriptions of published
bodies (a party's name is shown, unlinked, even while its body is a draft). An agreement or a body
going online at its scheduled time changes no row: `core.models.went_live` says so. Rich texts
(summaries, descriptions) go in as plain text.
"""

from django.db.models import Prefetch, Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import override
from taggit.models import Tag

from core import pagecache, search
from core.indexing import IndexQueue
from core.models import went_live
from core.sanitize import plain_text

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


def search_texts(partnership):
    """The texts of weights A to D; expects the prefetches of `refresh`."""
    bodies = [party.body for party in partnership.parties.all()]
    agreements = list(partnership.agreements.all())
    links = [link for agreement in agreements for link in agreement.domain_links.all()]
    domains = {domain.pk: domain for domain in partnership.domains.all()}
    domains.update((link.domain_id, link.domain) for link in links)
    countries = {body.country for body in bodies if body.country}
    places = [agreement.signed_at for agreement in agreements] + [a.event for a in agreements]
    texts = (
        [partnership.name] + [body.name for body in bodies] + [body.short_name for body in bodies],
        [country.name_fr for country in countries]
        + [country.name_en for country in countries]
        + [domain.name for domain in domains.values()]
        + [domain.name_en for domain in domains.values()]
        + [tag.name for tag in partnership.tags.all()]
        + [agreement.title for agreement in agreements]
        + [str(partnership.get_kind_display())],
        [plain_text(partnership.summary)]
        + [plain_text(agreement.summary) for agreement in agreements]
        + [link.detail for link in links]
        + [agreement.aims for agreement in agreements],
        [agreement.basis for agreement in agreements]
        + [str(place) for place in places if place]
        + [signatory.person.name for agreement in agreements for signatory in agreement.signatories.all()]
        + [plain_text(body.description) for body in bodies if body.is_published],
    )
    return tuple("\n".join(part for part in parts if part) for parts in texts)


def refresh(partnerships):
    """Rebuild the search texts (and vectors on PostgreSQL) and the stored status of partnerships."""
    rows = list(
        partnerships.order_by()
        .with_parties()
        .prefetch_related(
            "domains", "tags", Prefetch("agreements", queryset=Agreement.objects.published().for_display())
        )
    )
    fields = list(Partnership.SEARCH_WEIGHTS.values())
    with override("fr"):
        for partnership in rows:
            for field, text in zip(fields, search_texts(partnership), strict=True):
                setattr(partnership, field, text)
            partnership.search_names = search.fold(partnership.search_a)
    Partnership.objects.bulk_update(rows, [*fields, "search_names"], batch_size=200)
    if rows:
        derived = Partnership.objects.filter(pk__in=[p.pk for p in rows])
        derived.refresh_status()
        if search.on_postgres(partnerships):
            vector = search.vector(Partnership.SEARCH_WEIGHTS)
            derived.update(search_vector=vector, search_phrases=search.PhrasePairs(vector))
    return len(rows)


# Conditions OR-ed in one query, and partnerships refreshed in one query: SQLite refuses an
# expression tree deeper than 1,000 (a transaction that saved hundreds of rows).
BATCH = 100


def refresh_shown(conditions):
    """Refresh every partnership matching one of `conditions`."""
    pks = set()
    for start in range(0, len(conditions), BATCH):
        showing = Q()
        for condition in conditions[start : start + BATCH]:
            showing |= condition
        pks.update(Partnership.objects.filter(showing).values_list("pk", flat=True))
    pks = sorted(pks)
    for start in range(0, len(pks), BATCH * 10):
        refresh(Partnership.objects.filter(pk__in=pks[start : start + BATCH * 10]))
    if pks:
        pagecache.bump_version()  # pages cached while the refresh ran showed the old data


queue = IndexQueue(refresh_shown)

# Which partnerships show a row of each model in their search texts. Evaluated after the commit,
# so a condition must still find them once the row itself is deleted.
SHOWN_BY = {
    Partnership: lambda row: Q(pk=row.pk),
    Party: lambda row: Q(pk=row.partnership_id),
    # An agreement moved to another partnership leaves the old one's texts to refresh too.
    Agreement: lambda row: Q(pk__in=[row.partnership_id, getattr(row, "previous_partnership_id", None)]),
    AgreementDomain: lambda row: Q(agreements=row.agreement_id),
    Signatory: lambda row: Q(agreements=row.agreement_id),
    TaggedPartnership: lambda row: Q(pk=row.content_object_id),
    Body: lambda row: Q(bodies=row.pk) | Q(agreements__signed_at=row.pk),
    Country: lambda row: Q(bodies__country=row.pk),
    Domain: lambda row: Q(domains=row.pk) | Q(agreements__domains=row.pk),
    Person: lambda row: Q(agreements__signatories__person=row.pk),
    Event: lambda row: Q(agreements__event=row.pk),
    Tag: lambda row: Q(tags=row.pk),
}
# Deleting one of these deletes the rows that show it, or is refused: those rows signal themselves.
LINKS = [Party, Agreement, AgreementDomain, Signatory, TaggedPartnership]


def on_change(sender, instance, raw=False, **kwargs):
    if not raw:
        queue.add(SHOWN_BY[sender](instance))


for model in SHOWN_BY:
    post_save.connect(on_change, sender=model, dispatch_uid=f"index-{model._meta.label}-save")
for model in LINKS:
    post_delete.connect(on_change, sender=model, dispatch_uid=f"index-{model._meta.label}-delete")


@receiver(pre_save, sender=Agreement)
def remember_previous_partnership(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        instance.previous_partnership_id = (
            Agreement.objects.filter(pk=instance.pk).values_list("partnership_id", flat=True).first()
        )


@receiver(m2m_changed, sender=Partnership.domains.through)
def on_domains_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # `instance` is a Domain: after a clear, pk_set is None and its links are gone.
        queue.add(Q(pk__in=pk_set or []))
    else:
        queue.add(Q(pk=instance.pk))


@receiver(went_live, dispatch_uid="index-went-live")
def on_went_live(sender, since, until, **kwargs):
    """Agreements and bodies that went online between `since` and `until` now show in their
    partnerships: refreshed at once (no save is waiting to commit), before the pages are."""
    rows = [(model, row) for model in (Agreement, Body) for row in model.objects.went_live(since, until)]
    refresh_shown([SHOWN_BY[model](row) for model, row in rows])
