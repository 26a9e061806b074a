"""Pages of a long list that cost the same on page 2,500 as on page 1."""

from django.core.paginator import Paginator


class DeferredJoinPaginator(Paginator):
    """Find a page's primary keys first, then fetch those rows only.

    With OFFSET, the database reads every row it skips; reading only their keys lets it walk an
    index that holds the sort columns and the key (`partnership_directory_idx` for a sort by name),
    without touching the table. The page's rows, with their annotations and prefetches, are then
    read by key: 20 rows, whatever the page number.
    """

    def __init__(self, *args, count=None, **kwargs):
        super().__init__(*args, **kwargs)
        if count is not None:
            self.count = count  # known already: spares a COUNT over every matching row

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)


class KeyedResults:
    """A list of rows known by their keys, in order: counted and sliced without a query; each
    slice reads its rows (with `queryset`'s annotations and prefetches) by key."""

    ordered = True

    def __init__(self, keys, queryset):
        self.keys, self.queryset = keys, queryset

    def count(self):
        return len(self.keys)

    def __len__(self):
        return len(self.keys)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("KeyedResults only gives slices")
        keys = [int(key) for key in self.keys[index]]
        rows = {row.pk: row for row in self.queryset.filter(pk__in=keys)}
        return [rows[key] for key in keys if key in rows]
