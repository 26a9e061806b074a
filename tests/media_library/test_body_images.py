"""Library images inside an article's body: stored responsive (every width in `srcset`, `sizes`,
width and height), so they neither load more than the screen needs nor shift the text."""

import re

import pytest

from articles.editor import rich_text_formfield
from articles.models import Article
from media_library.rich_text import BODY_SIZES, responsive_images
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pont(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        image = make_image("Le pont Trường Tiền", width=1600, height=900, name="pont.jpg")
        yield image
        image.delete()


def img_tags(html):
    return re.findall(r"<img\b[^>]*>", html)


def test_an_image_the_editor_inserted_is_stored_with_every_width_and_its_size(pont):
    article = make_article(text=f'<figure><img src="{pont.editor_rendition.url}" alt="Le pont"></figure>')

    (tag,) = img_tags(Article.objects.get(pk=article.pk).text)
    assert f'srcset="{pont.srcset}"' in tag
    assert [width for width in re.findall(r" (\d+)w", tag)] == ["480", "800", "1200", "1600"]
    assert f'sizes="{BODY_SIZES}"' in tag
    assert 'width="1200" height="675"' in tag  # 1600 × 900 shown 1200 wide
    assert 'alt="Le pont"' in tag and 'loading="lazy"' in tag


def test_the_public_page_shows_the_body_image_responsive(client, pont):
    article = make_article(text=f'<p>Texte.</p><img src="{pont.editor_rendition.url}" alt="Le pont">')

    html = client.get(article.get_absolute_url()).text

    (tag,) = [tag for tag in img_tags(html.split('class="prose"', 1)[1]) if pont.editor_rendition.url in tag]
    assert f'srcset="{pont.srcset}"' in tag and 'width="1200" height="675"' in tag


@pytest.mark.parametrize("shown", ["original", "fallback", "narrowest"])
def test_any_address_of_a_library_image_is_made_responsive(pont, shown):
    src = {
        "original": pont.file.url,
        "fallback": pont.fallback_rendition.url,
        "narrowest": pont.thumbnail.url,
    }[shown]

    (tag,) = img_tags(responsive_images(f'<img src="{src}">'))

    assert f'src="{pont.editor_rendition.url}"' in tag and f'srcset="{pont.srcset}"' in tag
    assert 'alt="Le pont Trường Tiền"' in tag  # no alternative text typed: the library's


def test_an_image_no_longer_in_the_library_is_left_as_it_was(pont):
    gone = pont.editor_rendition.url.replace("pont", "pont-supprime")
    html = f'<img src="{gone}" alt="x"><img src="/media/images/2026/12/autre.webp" alt="y">'

    assert responsive_images(html) == html


def test_one_query_whatever_the_number_of_images(django_assert_num_queries, pont):
    others = [make_image(width=900, height=600) for _ in range(3)]
    html = "".join(f'<img src="{image.editor_rendition.url}" alt="">' for image in [pont, *others])

    with django_assert_num_queries(1):
        made = responsive_images(html)

    assert made.count("srcset=") == 4
    assert responsive_images(made) == made  # saving again changes nothing


def test_a_text_without_library_images_costs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert responsive_images("<p>Texte.</p>") == "<p>Texte.</p>"


def test_reopening_and_saving_an_unchanged_body_is_no_change(pont):
    # The editor keeps only src and alt of an image: what it sends back is still the stored text.
    article = make_article(text=f'<figure><img src="{pont.editor_rendition.url}" alt="Le pont"></figure>')
    stored = Article.objects.get(pk=article.pk).text
    field = rich_text_formfield(Article._meta.get_field("text"))

    assert not field.has_changed(
        stored, f'<figure><img src="{pont.editor_rendition.url}" alt="Le pont"></figure>'
    )
    assert field.has_changed(
        stored, f'<figure><img src="{pont.editor_rendition.url}" alt="Un pont"></figure>'
    )


def test_the_image_admin_still_finds_the_articles_showing_it(pont):
    article = make_article(text=f'<img src="{pont.editor_rendition.url}" alt="Le pont">')

    assert article in list(pont.inserted_in())
