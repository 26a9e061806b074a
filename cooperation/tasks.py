"""Tasks run by `python manage.py db_worker`."""

from django.dispatch import receiver
from django_tasks import task

from core import pagecache

from .directory import DirectorySnapshot


@task()
def build_directory_snapshot():
    DirectorySnapshot.current()


@receiver(pagecache.content_changed, dispatch_uid="cooperation-directory-snapshot")
def rebuild_directory_snapshot(**kwargs):
    """After a content change the worker builds the directory's new snapshot, so that the first
    visitor does not wait for it (a visitor who comes first builds it)."""
    if pagecache.timeout():
        build_directory_snapshot.enqueue()
