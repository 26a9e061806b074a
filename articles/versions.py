"""What the admin keeps versions of (core/history.py): articles with their tags, and themes."""

from core import history

from .models import Article, TaggedArticle, Theme

history.register(Theme)
history.register(Article, follow=["taggedarticle_set"], exclude=["search_vector"])
history.register(TaggedArticle)
