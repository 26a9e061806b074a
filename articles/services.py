"""Writes to many articles at once (the admin's bulk actions), each in one transaction."""

from django.db import transaction

from core import pagecache
from core.bulk import add_tag, tag_named

from .models import TaggedArticle


@transaction.atomic
def tag_articles(articles, name):
    """Give every article of the queryset the tag `name`; (the tag, how many got it now).

    Tags are not in the articles' search vector: only the cached pages need refreshing.
    """
    tag = tag_named(name)
    added = add_tag(articles, TaggedArticle, tag)
    if added:
        pagecache.bump_version()
    return tag, len(added)
