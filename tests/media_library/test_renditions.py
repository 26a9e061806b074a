"""Renditions: several widths in WebP, the source's format as fallback, URLs without any I/O."""

import PIL.Image
import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import ProtectedError
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from media_library.models import Image
from tests.factories import make_article, make_body, make_image, make_partnership

pytestmark = pytest.mark.django_db


def test_a_wide_image_offers_four_widths_in_webp():
    image = make_image(width=2400, height=1600)

    assert [(r.width, r.height) for r in image.renditions] == [
        (480, 320),
        (800, 533),
        (1200, 800),
        (1600, 1067),
    ]
    assert all(r.url.startswith("/media/renditions/") and r.url.endswith(".webp") for r in image.renditions)
    assert image.srcset == ", ".join(f"{r.url} {r.width}w" for r in image.renditions)
    for rendition, spec in zip(image.renditions, image.specs(), strict=False):
        with default_storage.open(spec.name) as made:
            assert PIL.Image.open(made).size == (rendition.width, rendition.height)


def test_a_small_image_is_never_enlarged_nor_offered_twice():
    image = make_image(width=700, height=350)

    assert [(r.width, r.height) for r in image.renditions] == [(480, 240), (700, 350)]
    assert (image.fallback_rendition.width, image.fallback_rendition.height) == (700, 350)


def test_the_fallback_keeps_the_source_format_so_a_transparent_coat_of_arms_stays_transparent():
    image = make_image(width=1000, height=1200, name="blason.png")

    assert image.fallback_rendition.url.endswith(".png")
    with default_storage.open(image.fallback.name) as made:
        assert PIL.Image.open(made).format == "PNG"


def test_rendition_urls_cost_no_query():
    pk = make_image().pk
    image = Image.objects.get(pk=pk)
    with CaptureQueriesContext(connection) as queries:
        Template("{% load pictures %}{% picture image %}").render(Context({"image": image}))
    assert len(queries) == 0


def test_the_picture_has_sizes_dimensions_and_lazy_loading():
    image = make_image("Le pont Trường Tiền", width=1600, height=900)
    template = Template(
        "{% load pictures %}{% picture image sizes='50vw' %}|{% picture image lazy=False decorative=True %}"
    )

    lazy, eager = template.render(Context({"image": image})).split("|")

    assert '<source type="image/webp" srcset="' + image.srcset + '" sizes="50vw">' in lazy
    fallback = image.fallback_rendition
    assert f'<img src="{fallback.url}" width="800" height="450" alt="Le pont Trường Tiền"' in lazy
    assert 'loading="lazy"' in lazy and "fetchpriority" not in lazy
    assert 'alt=""' in eager and 'fetchpriority="high"' in eager and "loading=" not in eager


def test_deleting_an_image_deletes_its_files(django_capture_on_commit_callbacks):
    image = make_image()
    names = image.stored_names()
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert not any(default_storage.exists(name) for name in names)


@pytest.mark.parametrize("make_row", [make_article, make_body, make_partnership])
def test_an_image_shown_as_a_lead_image_cannot_be_deleted(make_row):
    image = make_image()
    make_row(lead_image=image)

    with pytest.raises(ProtectedError):
        image.delete()
