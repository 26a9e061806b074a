"""`manage.py draw_brand_images` redraws the committed icons and link-preview images."""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from PIL import Image, ImageChops

COMMITTED = Path(settings.BASE_DIR) / "static" / "brand"
SIZES = {
    "favicon-32.png": (32, 32),
    "apple-touch-icon.png": (180, 180),
    "icon-192.png": (192, 192),
    "icon-512.png": (512, 512),
    "icon-maskable-512.png": (512, 512),
    "social-fr.png": (1200, 630),
    "social-en.png": (1200, 630),
}


def test_the_images_are_drawn_at_their_sizes_and_the_icons_as_committed(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    (tmp_path / "static").mkdir()
    out = StringIO()

    call_command("draw_brand_images", stdout=out)

    for name, size in SIZES.items():
        drawn = Image.open(tmp_path / "static" / "brand" / name)
        assert drawn.size == size, name
        assert name in out.getvalue()
    for name in ("favicon-32.png", "icon-192.png"):
        drawn = Image.open(tmp_path / "static" / "brand" / name).convert("RGBA")
        committed = Image.open(COMMITTED / name).convert("RGBA")
        # The same mark (a change of Pillow may move an edge pixel's shade, not the picture).
        difference = ImageChops.difference(drawn, committed)
        assert max(high for _, high in difference.getextrema()) < 48, name
