"""Cover images drawn with Pillow: no downloads, deterministic for a seed."""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 960, 540
REDS = [(181, 18, 27), (200, 16, 46), (160, 20, 30), (196, 40, 36)]
GOLDS = [(247, 209, 23), (240, 190, 40), (255, 214, 90)]
SKIES = [
    ((120, 170, 220), (225, 238, 250)),
    ((250, 180, 120), (255, 232, 200)),
    ((90, 150, 200), (200, 225, 245)),
]
GREENS = [(70, 140, 70), (90, 160, 80), (60, 120, 70)]


def _gradient(draw, top, bottom, height=HEIGHT, y0=0):
    for y in range(height):
        t = y / max(height - 1, 1)
        colour = tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
        draw.line([(0, y0 + y), (WIDTH, y0 + y)], fill=colour)


def _star(draw, cx, cy, r, fill):
    points = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        radius = r if i % 2 == 0 else r * 0.382
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=fill)


def _hall(rng, draw):
    """A conference hall: red backdrop with a star, a podium, rows of delegates."""
    _gradient(draw, (70, 40, 35), (140, 100, 80))
    red = rng.choice(REDS)
    draw.rectangle([80, 40, WIDTH - 80, 300], fill=red)
    draw.rectangle([80, 40, WIDTH - 80, 60], fill=rng.choice(GOLDS))
    _star(draw, WIDTH // 2, 170, 70, rng.choice(GOLDS))
    draw.rectangle([WIDTH // 2 - 60, 250, WIDTH // 2 + 60, 330], fill=(120, 70, 40))
    for row in range(4):
        y = 360 + row * 45
        for col in range(14):
            x = 40 + col * 65 + (row % 2) * 30 + rng.randint(-4, 4)
            shade = rng.randint(20, 70)
            draw.ellipse([x, y, x + 34, y + 34], fill=(shade, shade, shade + 10))
            draw.rectangle(
                [x - 6, y + 30, x + 40, y + 60],
                fill=(230, 230, 235) if rng.random() < 0.6 else (40, 50, 80),
            )


def _landscape(rng, draw):
    """Fields and mountains: stories about the province and its people."""
    top, bottom = rng.choice(SKIES)
    _gradient(draw, top, bottom, height=300)
    sun_x = rng.randint(150, WIDTH - 150)
    draw.ellipse([sun_x - 45, 70, sun_x + 45, 160], fill=(255, 230, 150))
    for layer, colour in enumerate([(110, 140, 160), (80, 120, 110), (60, 100, 80)]):
        base = 260 + layer * 30
        points = [(0, HEIGHT)]
        x = 0
        while x <= WIDTH:
            points.append((x, base - rng.randint(20, 120) // (layer + 1)))
            x += rng.randint(60, 140)
        points += [(WIDTH, base), (WIDTH, HEIGHT)]
        draw.polygon(points, fill=colour)
    green = rng.choice(GREENS)
    draw.rectangle([0, 360, WIDTH, HEIGHT], fill=green)
    for i in range(12):
        y = 370 + i * 15
        draw.line(
            [(0, y), (WIDTH, y + rng.randint(-10, 10))],
            fill=tuple(min(255, c + 25) for c in green),
            width=3,
        )


def _flag(rng, draw):
    """Red field with golden rays and a star: party-building stories."""
    red = rng.choice(REDS)
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=red)
    cx, cy = rng.randint(250, 700), rng.randint(200, 340)
    gold = rng.choice(GOLDS)
    for i in range(24):
        angle = i * math.pi / 12
        draw.polygon(
            [
                (cx, cy),
                (cx + 1200 * math.cos(angle), cy + 1200 * math.sin(angle)),
                (cx + 1200 * math.cos(angle + 0.1), cy + 1200 * math.sin(angle + 0.1)),
            ],
            fill=tuple(min(255, c + 18) for c in red),
        )
    _star(draw, cx, cy, rng.randint(90, 140), gold)


def _office(rng, draw):
    """An office with screens: digital transformation, training, meetings."""
    _gradient(draw, (235, 238, 242), (200, 206, 214))
    draw.rectangle([0, 380, WIDTH, HEIGHT], fill=(150, 110, 80))
    for i in range(3):
        x = 90 + i * 290
        draw.rectangle([x, 120, x + 220, 260], fill=(30, 40, 60))
        draw.rectangle(
            [x + 10, 130, x + 210, 250],
            fill=rng.choice([(40, 120, 200), (30, 160, 140), (200, 80, 60)]),
        )
        for line in range(5):
            draw.line(
                [(x + 25, 150 + line * 20), (x + 25 + rng.randint(60, 170), 150 + line * 20)],
                fill=(240, 240, 240),
                width=4,
            )
        draw.rectangle([x + 100, 260, x + 120, 300], fill=(60, 60, 70))
    draw.rectangle([40, 300, WIDTH - 40, 330], fill=(110, 75, 50))
    _star(draw, WIDTH - 70, 60, 30, rng.choice(REDS))


PAINTERS = (_hall, _landscape, _flag, _office)


def cover_jpeg(seed: int) -> bytes:
    """A 960×540 JPEG cover, the same bytes for the same seed."""
    rng = random.Random(seed)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    rng.choice(PAINTERS)(rng, draw)
    image = image.filter(ImageFilter.GaussianBlur(radius=0.8))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80, optimize=True, progressive=True)
    return buffer.getvalue()


def portrait_jpeg(seed: int, *, female: bool) -> bytes:
    """A plain silhouette portrait (3:4) for cadres."""
    rng = random.Random(seed)
    image = Image.new("RGB", (300, 400), (222, 228, 236))
    draw = ImageDraw.Draw(image)
    _gradient_small(draw, (230, 235, 242), (196, 206, 220))
    suit = rng.choice([(40, 50, 80), (60, 60, 70), (30, 40, 60)])
    draw.ellipse([40, 260, 260, 480], fill=suit)
    draw.polygon([(150, 270), (120, 330), (150, 400), (180, 330)], fill=(245, 245, 245))
    draw.rectangle([130, 215, 170, 270], fill=(224, 190, 160))
    draw.ellipse([95, 110, 205, 240], fill=(232, 198, 168))
    hair = (35, 30, 30)
    if female:
        draw.ellipse([85, 95, 215, 190], fill=hair)
        draw.rectangle([85, 140, 110, 260], fill=hair)
        draw.rectangle([190, 140, 215, 260], fill=hair)
        draw.ellipse([100, 130, 200, 240], fill=(232, 198, 168))
    else:
        draw.ellipse([102, 100, 198, 150], fill=hair)
        draw.ellipse([100, 118, 200, 240], fill=(232, 198, 168))
        draw.chord([102, 100, 198, 160], 180, 360, fill=hair)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _gradient_small(draw, top, bottom):
    for y in range(400):
        t = y / 399
        draw.line(
            [(0, y), (300, y)], fill=tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
        )


def banner_jpeg(seed: int) -> bytes:
    """A 960×240 (4:1) banner for an event thread: the middle band of a cover."""
    image = Image.open(io.BytesIO(cover_jpeg(seed)))
    top = (HEIGHT - WIDTH // 4) // 2
    banner = image.crop((0, top, WIDTH, top + WIDTH // 4))
    buffer = io.BytesIO()
    banner.save(buffer, format="JPEG", quality=80, optimize=True, progressive=True)
    return buffer.getvalue()


def logo_png(seed: int) -> bytes:
    """A 400×400 round emblem for a related website (Liên kết website): a star on a disc,
    the size an editor would upload, so the page shows its renditions."""
    rng = random.Random(seed)
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([8, 8, 392, 392], fill=rng.choice(REDS), outline=rng.choice(GOLDS), width=16)
    _star(draw, 200, 205, 130, rng.choice(GOLDS))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
