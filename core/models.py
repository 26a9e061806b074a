"""Abstract bases shared by the apps: natural keys for the seed fixtures, slugged public pages."""

from django.db import models
from django.urls import reverse


def in_order(queryset, pks):
    """`queryset` limited to `pks`, in that order."""
    position = models.Case(
        *(models.When(pk=pk, then=models.Value(index)) for index, pk in enumerate(pks)),
        output_field=models.IntegerField(),
    )
    return queryset.filter(pk__in=pks).order_by(position) if pks else queryset.none()


class NaturalKeyQuerySet(models.QuerySet):
    """`get_by_natural_key` for loaddata, from the model's `natural_key_fields`."""

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.model.natural_key_fields, values, strict=True)))


class NaturalKeyModel(models.Model):
    """A row the seed fixtures find again by `natural_key_fields`, so loading twice adds nothing.

    Each field may follow relations (`partnership__slug`).
    """

    natural_key_fields = ("slug",)

    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        abstract = True

    def natural_key(self):
        values = []
        for path in self.natural_key_fields:
            value = self
            for name in path.split("__"):
                value = getattr(value, name)
            values.append(value)
        return tuple(values)


class PublicPageModel(NaturalKeyModel):
    """A named row with a public page of its own at the URL named `url_name`, found by its slug."""

    url_name = None
    name_field = "name"

    slug = models.SlugField(unique=True, max_length=250)

    class Meta:
        abstract = True

    def __str__(self):
        return getattr(self, self.name_field)

    def get_absolute_url(self):
        return reverse(self.url_name, args=[self.slug])
