"""Writes to many partnerships at once (the admin's bulk actions), each in one transaction."""

from django.db import transaction
from taggit.models import Tag

from core import pagecache
from core.bulk import add_tag, tag_named

from . import indexing
from .models import Domain, Partnership, TaggedPartnership


@transaction.atomic
def tag_partnerships(partnerships, name):
    """Give every partnership of the queryset the tag `name`; (the tag, how many got it now)."""
    tag = tag_named(name)
    added = add_tag(partnerships, TaggedPartnership, tag)
    if added:
        indexing.queue.add(indexing.SHOWN_BY[Tag](tag))  # one refresh, after the commit
        pagecache.bump_version()
    return tag, len(added)


@transaction.atomic
def add_domain(partnerships, domain):
    """Add `domain` to every partnership of the queryset; how many got it now."""
    links = Partnership.domains.through
    having = set(
        links.objects.filter(domain=domain, partnership__in=partnerships).values_list(
            "partnership", flat=True
        )
    )
    added = [pk for pk in partnerships.values_list("pk", flat=True) if pk not in having]
    links.objects.bulk_create([links(partnership_id=pk, domain=domain) for pk in added], batch_size=1000)
    if added:
        indexing.queue.add(indexing.SHOWN_BY[Domain](domain))
        pagecache.bump_version()
    return len(added)
