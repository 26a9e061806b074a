from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StoredSnapshotQuerySet(models.QuerySet):
    def data_for(self, key):
        data = self.filter(key=key).values_list("data", flat=True).first()
        return None if data is None else bytes(data)

    def keep(self, key, data, latest=3):
        """Stores the snapshot built for `key`, and forgets all but the `latest` ones."""
        self.bulk_create([StoredSnapshot(key=key, data=data)], ignore_conflicts=True)
        stale = list(self.order_by("-built_at").values_list("key", flat=True)[latest:])
        if stale:
            self.filter(key__in=stale).delete()


class StoredSnapshot(models.Model):
    """The directory's snapshot (cooperation/directory.py) as it was built, under the content
    version and day it was built for: a process whose cache was emptied (a restarted Redis) loads
    it in one query instead of building it again from the whole database."""

    key = models.CharField(max_length=120, primary_key=True)
    data = models.BinaryField()
    built_at = models.DateTimeField(default=timezone.now)

    objects = StoredSnapshotQuerySet.as_manager()
    # Not content: storing or dropping one bumps no content version (core/pagecache.py), which
    # would have a new snapshot built, stored, an old one dropped, and so on.
    derived_from_content = True

    class Meta:
        verbose_name = _("instantané de l'annuaire")
        verbose_name_plural = _("instantanés de l'annuaire")

    def __str__(self):
        return self.key
