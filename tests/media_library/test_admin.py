"""The media library in the admin: thumbnails, the picker the article editor opens, lead images."""

import pytest
from django.urls import reverse

from tests.factories import make_article, make_body, make_image, make_partnership

pytestmark = pytest.mark.django_db

PICKER = reverse("admin:media_library_image_picker")


def test_the_library_lists_images_with_a_thumbnail_of_known_size(staff_client):
    image = make_image("Le pont Trường Tiền", width=1200, height=600)

    response = staff_client.get(reverse("admin:media_library_image_changelist"))

    assert f'<img src="{image.thumbnail.url}" width="80" height="40" alt=""' in response.text
    assert "Le pont Trường Tiền" in response.text


def test_an_image_page_shows_a_preview_and_the_address_to_insert(staff_client):
    image = make_image("Le pont Trường Tiền", width=1200, height=600)

    response = staff_client.get(reverse("admin:media_library_image_change", args=[image.pk]))

    assert (
        f'<img src="{image.thumbnail.url}" width="320" height="160" alt="Le pont Trường Tiền"'
        in response.text
    )
    assert f'value="{image.editor_rendition.url}"' in response.text
    assert "1200 × 600 px" in response.text


def test_the_picker_lists_images_for_the_editor(staff_client):
    image = make_image("Le pont Trường Tiền", caption="Au lever du jour", credit="Ville de Hué")
    make_image("La citadelle")

    response = staff_client.get(PICKER, {"CKEditorFuncNum": "-1", "q": "pont"})

    assert response.status_code == 200
    assert 'data-func-num="-1"' in response.text
    assert f'data-picker-url="{image.editor_rendition.url}"' in response.text
    assert 'data-alt="Le pont Trường Tiền"' in response.text
    assert 'data-caption="Au lever du jour — Ville de Hué, CC BY-SA 4.0"' in response.text
    assert "La citadelle" not in response.text
    # The script is a static file; no inline script on the page.
    assert "media_library/picker.js" in response.text
    assert "<script>" not in response.text


def test_the_picker_keeps_only_a_number_as_the_editor_callback(staff_client):
    make_image()
    response = staff_client.get(PICKER, {"CKEditorFuncNum": '1"><script>alert(1)</script>'})

    assert 'data-func-num=""' in response.text
    assert "<script>alert" not in response.text


def test_the_picker_pages_through_a_large_library(staff_client):
    for _ in range(25):
        make_image()

    assert "Page 1 sur 2" in staff_client.get(PICKER).text
    assert staff_client.get(PICKER, {"page": "abc"}).status_code == 200
    assert staff_client.get(PICKER, {"page": "999"}).status_code == 200


def test_the_picker_is_for_staff_only(client):
    response = client.get(PICKER)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    "make_row, url_name",
    [
        (make_article, "admin:articles_article_change"),
        (make_body, "admin:cooperation_body_change"),
        (make_partnership, "admin:cooperation_partnership_change"),
    ],
)
def test_a_lead_image_is_chosen_with_a_thumbnail_preview(staff_client, make_row, url_name):
    image = make_image("Blason de Namur", width=600, height=720)
    row = make_row(lead_image=image)

    response = staff_client.get(reverse(url_name, args=[row.pk]))

    assert 'name="lead_image"' in response.text
    assert f'<img src="{image.thumbnail.url}" width="240" height="288" alt="Blason de Namur"' in response.text


def test_deleting_an_image_in_use_names_the_pages_that_show_it(staff_client):
    image = make_image()
    make_article("Hué et Namur signent", lead_image=image)

    response = staff_client.post(
        reverse("admin:media_library_image_delete", args=[image.pk]), {"post": "yes"}
    )

    assert response.status_code == 200
    assert "Hué et Namur signent" in response.text
    assert image.__class__.objects.filter(pk=image.pk).exists()


def test_an_image_inserted_in_an_article_text_cannot_be_deleted_either(staff_client):
    image, other = make_image(), make_image()
    article = make_article("Le pont restauré")
    article.text = f'<figure><img src="{image.editor_rendition.url}" alt="Le pont"></figure>'
    article.save()
    delete = reverse("admin:media_library_image_delete", args=[image.pk])

    response = staff_client.post(delete, {"post": "yes"})

    assert "Article : Le pont restauré (dans son texte)" in response.text
    assert image.__class__.objects.filter(pk=image.pk).exists()
    other_delete = reverse("admin:media_library_image_delete", args=[other.pk])
    assert staff_client.post(other_delete, {"post": "yes"}).status_code == 302


def test_the_picker_needs_the_right_to_see_images(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("stagiaire", password="x", is_staff=True))

    assert client.get(PICKER).status_code == 403
