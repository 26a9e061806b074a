"""The nh3 allow-list of article bodies: images from the site's media only, figures and tables kept."""

import pytest

from core.sanitize import sanitize_html

RENDITION = "/media/renditions/images/2026/12/pont/5b38cc32ef71aad9b2c92e1269a1df2e.webp"


def test_a_figure_from_the_library_is_kept_with_its_safe_attributes():
    html = (
        f'<figure class="figure"><img src="{RENDITION}" alt="Le pont Trường Tiền" width="1200" '
        'height="800" data-file="3" loading="eager">'
        "<figcaption>Le pont — Ville de Hué, CC BY 4.0</figcaption></figure>"
    )

    assert sanitize_html(html) == (
        f'<figure><img src="{RENDITION}" alt="Le pont Trường Tiền" width="1200" height="800" loading="eager">'
        "<figcaption>Le pont — Ville de Hué, CC BY 4.0</figcaption></figure>"
    )


def test_the_sites_own_absolute_address_is_made_relative(settings):
    settings.SITE_URL = "https://atlas.example.org"

    assert sanitize_html(f'<img src="https://atlas.example.org{RENDITION}" alt="a">') == (
        f'<img src="{RENDITION}" alt="a">'
    )


def test_an_absolute_media_url_such_as_a_storage_bucket_is_accepted(settings):
    settings.MEDIA_URL = "https://medias.example.org/atlas/"
    src = "https://medias.example.org/atlas/renditions/images/pont.webp"

    assert sanitize_html(f'<img src="{src}" alt="a">') == f'<img src="{src}" alt="a">'
    assert sanitize_html(f'<img src="{RENDITION}" alt="a">') == ""


@pytest.mark.parametrize(
    "src",
    [
        "https://pisteur.example.com/pixel.png",
        "//pisteur.example.com/media/pixel.png",
        "javascript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "data:image/png;base64,iVBORw0KGgo=",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "/media/../admin/logo.png",
        "/media/renditions/a.webp?x=1",
        "/static/css/site.css",
        "media/renditions/a.webp",
        "",
    ],
)
def test_an_image_from_anywhere_else_is_removed(src):
    assert sanitize_html(f'<p>avant<img src="{src}" alt="x">après</p>') == "<p>avantaprès</p>"


@pytest.mark.parametrize(
    "attribute",
    [
        'onerror="alert(1)"',
        'onload="alert(1)"',
        'style="x"',
        'srcset="https://pisteur.example.com/a.png 480w"',
        f'srcset="{RENDITION} 480w, https://pisteur.example.com/a.png 800w"',
        f'srcset="{RENDITION} 2x"',
        f'srcset="{RENDITION}"',
        'srcset="javascript:alert(1) 480w"',
        'sizes="100vw&quot;onerror=&quot;alert(1)"',
        "sizes=\"url('https://pisteur.example.com/')\"",
        'loading="soon"',
        'decoding="later"',
    ],
)
def test_other_image_attributes_are_removed(attribute):
    assert sanitize_html(f'<img src="{RENDITION}" {attribute}>') == f'<img src="{RENDITION}">'


def test_sizes_must_be_numbers():
    assert sanitize_html(f'<img src="{RENDITION}" width="100%" height="1;x">') == f'<img src="{RENDITION}">'


def test_tables_from_the_editor_are_kept_with_their_spans():
    html = (
        '<table style="min-width: 50px"><colgroup><col style="min-width: 25px"></colgroup><tbody><tr>'
        '<th colspan="2" rowspan="1" onclick="x()"><p>Accord</p></th></tr>'
        '<tr><td colspan="1" rowspan="2"><p>2024</p></td></tr></tbody></table>'
    )

    assert sanitize_html(html) == (
        '<table><tbody><tr><th colspan="2" rowspan="1"><p>Accord</p></th></tr>'
        '<tr><td colspan="1" rowspan="2"><p>2024</p></td></tr></tbody></table>'
    )


def test_lists_keep_their_start_and_links_open_in_the_same_window():
    assert sanitize_html('<ol start="3" type="a" data-type="x"><li><p>trois</p></li></ol>') == (
        '<ol start="3"><li><p>trois</p></li></ol>'
    )
    assert sanitize_html('<a href="https://aimf.asso.fr" target="_blank" rel="opener">AIMF</a>') == (
        '<a href="https://aimf.asso.fr" rel="noopener noreferrer">AIMF</a>'
    )


def test_a_responsive_library_image_keeps_its_srcset_and_sizes():
    other = RENDITION.replace("5b38", "0000")
    html = (
        f'<img src="{RENDITION}" srcset="{RENDITION} 480w, {other} 1200w" '
        'sizes="(min-width: 47rem) 44rem, calc(100vw - 2.5rem)" width="1200" height="675" alt="Le pont" '
        'loading="lazy" decoding="async">'
    )

    assert sanitize_html(html) == html
