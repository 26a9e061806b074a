"""Uploads are checked by content, size and pixels: a clear French message, never a 500."""

import io
import re

import PIL.Image
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from media_library.models import Image
from tests.factories import image_bytes
from tests.media_library.files import png_header, upload

pytestmark = pytest.mark.django_db

ADD = reverse("admin:media_library_image_add")


def post_image(client, file, **fields):
    data = {"alt_text": "Le pont Trường Tiền à Hué", "credit": "Ville de Hué", "licence": "cc-by-4.0"}
    return client.post(ADD, {**data, **fields, "file": file})


def errors_of(response):
    assert response.status_code == 200  # the form again, with its errors
    assert not Image.objects.exists()
    return response.context["adminform"].form.errors["file"]


def test_a_photo_is_stored_with_its_size_and_every_rendition(staff_client):
    response = post_image(staff_client, upload("Pont Trường Tiền.JPG", image_bytes(2000, 1000, "JPEG")))

    assert response.status_code == 302
    image = Image.objects.get()
    assert re.search(r"^images/\d{4}/\d{2}/pont-truong-tien(_\w+)?\.jpg$", image.file.name)
    assert (image.width, image.height) == (2000, 1000)
    for name in image.stored_names():
        assert default_storage.exists(name), name
    with default_storage.open(image.webp_800.name) as made:
        rendition = PIL.Image.open(made)
        assert (rendition.format, rendition.size) == ("WEBP", (800, 400))


def test_the_stored_name_follows_the_content_not_the_name(staff_client):
    post_image(staff_client, upload("blason.jpg", image_bytes(300, 360, "PNG")))

    # (Another test's blason.png may still be in the in-memory storage: Django then adds a suffix.)
    assert re.search(r"/blason(_\w+)?\.png$", Image.objects.get().file.name)


def test_a_turned_phone_photo_keeps_its_shown_size(staff_client):
    exif = PIL.Image.Exif()
    exif[0x0112] = 6  # taken with the phone turned: shown 600 wide, 900 high
    post_image(staff_client, upload("portrait.jpg", image_bytes(900, 600, "JPEG", exif=exif.tobytes())))

    image = Image.objects.get()
    assert (image.width, image.height) == (600, 900)
    assert image.rendition(480).height == 720
    with default_storage.open(image.webp_480.name) as made:
        assert PIL.Image.open(made).size == (480, 720)


def test_a_text_file_named_jpg_is_refused(staff_client):
    response = post_image(staff_client, upload("photo.jpg", b"Ceci n'est pas une image.\n" * 40))

    assert errors_of(response) == [
        "Ce fichier n'est pas une image JPEG, PNG ou WebP lisible (son contenu a été vérifié, "
        "pas seulement son nom)."
    ]


def test_an_svg_is_refused(staff_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = post_image(staff_client, upload("blason.svg", svg, "image/svg+xml"))

    assert "n'est pas une image JPEG, PNG ou WebP" in errors_of(response)[0]


def test_another_image_format_is_refused_by_name(staff_client):
    response = post_image(staff_client, upload("anime.gif", image_bytes(40, 40, "GIF")))

    assert errors_of(response) == [
        "Les images GIF ne sont pas acceptées : envoyez une image JPEG, PNG ou WebP."
    ]


def test_a_file_over_the_size_limit_is_refused(staff_client, settings):
    settings.IMAGES_MAX_UPLOAD_BYTES = 10 * 1024
    content = image_bytes(400, 400, "PNG", mode="RGB") + b"\0" * 20 * 1024  # 20 KB of padding

    response = post_image(staff_client, upload("lourde.png", content))

    [message] = errors_of(response)
    assert message.startswith("Le fichier pèse 2")
    assert message.endswith(": la limite est de 10,0\xa0Kio.")


def test_the_limits_default_to_10_mb_and_40_megapixels(settings):
    from config.settings import base

    assert base.IMAGES_MAX_UPLOAD_BYTES == 10 * 1024 * 1024
    assert base.IMAGES_MAX_PIXELS == 40_000_000


def test_an_image_over_the_pixel_limit_is_refused_before_it_is_decoded(staff_client):
    response = post_image(staff_client, upload("immense.png", png_header(10_000, 5_000), "image/png"))

    assert errors_of(response) == [
        "L'image fait 10000 × 5000 pixels (50 mégapixels) : la limite est de 40 mégapixels. "
        "Réduisez-la avant de l'envoyer."
    ]


@pytest.mark.parametrize("width, height", [(12_000, 9_000), (20_000, 10_000)])
def test_a_decompression_bomb_is_refused(staff_client, width, height):
    # 108 megapixels (Pillow warns) and 200 (Pillow raises): both are refused with the same message.
    response = post_image(staff_client, upload("bombe.png", png_header(width, height), "image/png"))

    assert errors_of(response) == ["L'image a trop de pixels : la limite est de 40 mégapixels."]


def test_a_real_highly_compressed_image_over_the_limit_is_refused(staff_client):
    buffer = io.BytesIO()
    PIL.Image.new("1", (8_000, 6_000)).save(buffer, "PNG")  # 48 megapixels in a few kilobytes
    assert len(buffer.getvalue()) < 100_000

    response = post_image(staff_client, upload("noire.png", buffer.getvalue(), "image/png"))

    assert "(48 mégapixels) : la limite est de 40 mégapixels" in errors_of(response)[0]


def test_a_truncated_image_is_refused(staff_client):
    whole = image_bytes(600, 400, "JPEG", quality=95)
    response = post_image(staff_client, upload("coupee.jpg", whole[: len(whole) // 2]))

    assert errors_of(response) == [
        "L'image est tronquée ou endommagée : exportez-la de nouveau puis réessayez."
    ]


def test_alternative_text_credit_and_licence_are_required(staff_client):
    response = post_image(
        staff_client, upload("photo.png", image_bytes(60, 40)), alt_text="", credit="", licence=""
    )

    form = response.context["adminform"].form
    assert set(form.errors) == {"alt_text", "credit", "licence"}
    assert not Image.objects.exists()
