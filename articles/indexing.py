"""The articles' search vector (PostgreSQL only: title A, standfirst B, text C), kept current."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from core import search
from core.indexing import IndexQueue

from .models import Article


def refresh(articles):
    if search.on_postgres(articles):
        return articles.update(search_vector=search.vector(Article.SEARCH_WEIGHTS))
    return 0


queue = IndexQueue(lambda pks: refresh(Article.objects.filter(pk__in=pks)))


@receiver(post_save, sender=Article, dispatch_uid="index-article-save")
def on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        queue.add(instance.pk)
