"""Pages of a long list that cost the same on page 2,500 as on page 1."""

from django.core.paginator import Paginator


class DeferredJoinPaginator(Paginator):
    """Find a page's primary keys first, then fetch those rows only.

    With OFFSET, the database reads every row it skips; reading only their keys lets it walk an
    index that holds the sort columns and the key (`partnership_name_idx` for a sort by name),
    without touching the table. The page's rows, with their annotations and prefetches, are then
    read by key: 20 rows, whatever the page number.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)
