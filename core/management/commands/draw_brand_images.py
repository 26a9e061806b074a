"""Redraw the site's PNG icons and default link-preview images (static/brand/) with Pillow.

The mark is static/favicon.svg and static/brand/logo.svg: two linked rings, white and gold on the
header's blue. No SVG renderer is needed: the rings are drawn again here, at four times the size,
then scaled down (smooth edges). The PNGs are committed; run this only when the mark changes:
    python manage.py draw_brand_images
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from PIL import Image, ImageDraw, ImageFont

BLUE = "#10294a"
WHITE = "#ffffff"
GOLD = "#ffbf47"
PALE = "#c9d6e8"  # the tagline on BLUE: 10.4:1
SCALE = 4

# The social images' text, in each language (the site name as the interface translates it).
SOCIAL_TEXT = {
    "fr": (
        "Atlas de la coopération décentralisée",
        "Partenariats, accords et délégations entre villes",
    ),
    "en": (
        "Atlas of decentralised cooperation",
        "Partnerships, agreements and delegations between cities",
    ),
}
SERIF_BOLD = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
)
SANS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


def font(candidates, size):
    for path in candidates:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    names = ", ".join(candidates)
    raise CommandError(f"None of these fonts is installed: {names} (apt-get install fonts-dejavu).")


def draw_rings(draw, left, top, unit):
    """The mark of favicon.svg (a 32-unit box) with its box's corner at (left, top), `unit` pixels
    per SVG unit: rings of radius 7 centred at (12, 16) and (20, 16), the white one passing over the
    gold one at the bottom, a gap of the background's blue around it."""

    def ring(cx, cy, colour, width, start=0, end=360):
        r = 7 * unit
        box = (left + cx * unit - r, top + cy * unit - r, left + cx * unit + r, top + cy * unit + r)
        half = width * unit / 2
        outer = (box[0] - half, box[1] - half, box[2] + half, box[3] + half)
        draw.arc(outer, start, end, fill=colour, width=round(width * unit))

    ring(12, 16, WHITE, 2.5)
    ring(20, 16, GOLD, 2.5)
    ring(12, 16, BLUE, 5, 44, 70)
    ring(12, 16, WHITE, 2.5, 30, 85)


def icon(size, rounded=True, mark_scale=1.0):
    """A square icon: the favicon's blue square (corners rounded, or square for platforms that
    round or mask them themselves) with the rings, `mark_scale` of their favicon size."""
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 6 / 32, fill=BLUE)
    else:
        draw.rectangle((0, 0, big, big), fill=BLUE)
    unit = big / 32 * mark_scale
    offset = (big - 32 * unit) / 2
    draw_rings(draw, offset, offset, unit)
    image = image.resize((size, size), Image.LANCZOS)
    return image if rounded else image.convert("RGB")


def wrapped(draw, text, typeface, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=typeface) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line]


def social(title, tagline):
    """1200 × 630, the size link previews expect: the mark, the site's name, what it holds."""
    width, height = 1200 * SCALE, 630 * SCALE
    image = Image.new("RGB", (width, height), BLUE)
    draw = ImageDraw.Draw(image)
    unit = 9 * SCALE  # the rings' box: 288 px
    draw_rings(draw, 190 * SCALE - 16 * unit, (height - 32 * unit) / 2, unit)
    left = 380 * SCALE
    text_width = width - left - 60 * SCALE
    title_font = font(SERIF_BOLD, 62 * SCALE)
    tagline_font = font(SANS, 30 * SCALE)
    title_lines = wrapped(draw, title, title_font, text_width)
    tagline_lines = wrapped(draw, tagline, tagline_font, text_width)
    title_step, tagline_step, rule_gap = 78 * SCALE, 44 * SCALE, 40 * SCALE
    block = len(title_lines) * title_step + rule_gap * 2 + len(tagline_lines) * tagline_step
    y = (height - block) / 2
    for line in title_lines:
        draw.text((left, y), line, font=title_font, fill=WHITE)
        y += title_step
    y += rule_gap / 2
    draw.rectangle((left, y, left + 120 * SCALE, y + 6 * SCALE), fill=GOLD)
    y += rule_gap * 1.5
    for line in tagline_lines:
        draw.text((left, y), line, font=tagline_font, fill=PALE)
        y += tagline_step
    return image.resize((1200, 630), Image.LANCZOS)


class Command(BaseCommand):
    help = "Redraw static/brand/*.png: favicons, app icons, default link-preview images."

    def handle(self, *args, **options):
        folder = Path(settings.BASE_DIR) / "static" / "brand"
        folder.mkdir(exist_ok=True)
        images = {
            "favicon-32.png": icon(32),
            "icon-192.png": icon(192),
            "icon-512.png": icon(512),
            # Full squares: iOS rounds the corners itself; a maskable icon is cut to any shape,
            # its mark inside the central circle of 80 % that every shape keeps.
            "apple-touch-icon.png": icon(180, rounded=False),
            "icon-maskable-512.png": icon(512, rounded=False, mark_scale=0.8),
            **{f"social-{code}.png": social(*text) for code, text in SOCIAL_TEXT.items()},
        }
        for name, image in images.items():
            image.save(folder / name, optimize=True)
            self.stdout.write(f"{folder / name} {image.width}×{image.height}")
