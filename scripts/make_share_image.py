"""Draw the default picture of a shared link (static/img/share-house.png, 1200x630).

Run once with `.venv/bin/python scripts/make_share_image.py`; the PNG is committed. The house of
the favicon, many windows (many rooms), the name, on the portal's own colours.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
BACKGROUND = "#fbf8f3"
PRIMARY = "#0b5563"
ACCENT = "#8a3b12"
SOFT = "#e6f0ef"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
OUT = Path(__file__).resolve().parent.parent / "static" / "img" / "share-house.png"


def main() -> None:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, HEIGHT - 70, WIDTH, HEIGHT], fill=SOFT)
    # The house: a roof and a body with a grid of warm windows and a door.
    left, top, right, bottom = 90, 250, 520, 560
    draw.polygon([(left - 40, top), ((left + right) // 2, 80), (right + 40, top)], fill=PRIMARY)
    draw.rectangle([left, top, right, bottom], fill=PRIMARY)
    for row in range(3):
        for col in range(4):
            x = left + 30 + col * 100
            y = top + 25 + row * 80
            if row == 2 and col in (1, 2):
                continue
            draw.rectangle(
                [x, y, x + 60, y + 50], fill="#f6c453" if (row + col) % 3 else BACKGROUND
            )
    draw.rectangle([left + 165, bottom - 110, left + 265, bottom], fill=ACCENT)
    title = ImageFont.truetype(FONT, 76)
    subtitle = ImageFont.truetype(FONT_REGULAR, 40)
    draw.text((600, 200), "Huis met", font=title, fill=PRIMARY)
    draw.text((600, 290), "vele kamers", font=title, fill=PRIMARY)
    draw.text((600, 400), "Iedereen welkom", font=subtitle, fill=ACCENT)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    image.save(OUT, optimize=True)


if __name__ == "__main__":
    main()
