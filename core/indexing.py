"""Search indexing done once per transaction, after it commits, for every row it touched."""

import threading

from django.db import transaction


class IndexQueue:
    """Collects what a transaction touched; `refresh(items)` runs once, after the commit.

    Every `add` registers an on-commit callback (so a rolled-back savepoint loses nothing), but
    the first callback to run takes everything collected and the others find nothing left to do.
    Outside a transaction the callback runs at once.
    """

    def __init__(self, refresh):
        self.refresh = refresh
        self.local = threading.local()

    @property
    def pending(self):
        if not hasattr(self.local, "items"):
            self.local.items = []
        return self.local.items

    def add(self, item):
        self.pending.append(item)
        transaction.on_commit(self.run)

    def run(self):
        items, self.local.items = self.pending, []
        if items:
            self.refresh(items)
