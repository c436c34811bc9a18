"""A PNG preview of a `Label`, drawn from the same model the ZPL renderer reads.

No ZPL interpreter is involved (none is maintained for Python): Pillow draws text, lines and boxes
one pixel per printer dot, and zxing-cpp's writer draws every barcode, so the preview's barcodes
scan exactly like the data the label carries. No Qt: the UI shows the PNG bytes as they are.

The printer may pick denser Code 128 subsets than zxing-cpp or a slightly different font, so the
preview is faithful in content and position, not to the dot.
"""

from __future__ import annotations

import io
from functools import lru_cache

import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from devices.printing.label import Box, Code128, DataMatrix, Element, Gs1_128, Gs1Data, Label, Line, QrCode, Text

_FONT_FILES = {
    False: ("DejaVuSansCondensed.ttf", "DejaVuSans.ttf"),
    True: ("DejaVuSansCondensed-Bold.ttf", "DejaVuSans-Bold.ttf"),
}

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=64)
def _font(height: int, bold: bool) -> Font:
    for name in _FONT_FILES[bold]:
        try:
            return ImageFont.truetype(name, height)
        except OSError:
            continue
    # Without DejaVu (fonts-dejavu-core) the preview still shows the text, in Pillow's own font.
    return ImageFont.load_default(size=height)


def _paste_symbol(
    canvas: Image.Image, symbol: zxingcpp.Barcode, x: int, y: int, *, scale: int, height: int | None
) -> tuple[int, int]:
    # The writer's image is 8-bit grey behind the buffer protocol; Pillow reads it without numpy,
    # which keeps numpy (and its math library) out of the station's bundle.
    rendered = symbol.to_image(scale=scale, add_quiet_zones=False)
    view = memoryview(rendered)  # type: ignore[arg-type]  # the stub omits the buffer protocol it has
    height_px, width_px = rendered.shape[:2]
    image = Image.frombytes("L", (width_px, height_px), view.tobytes())
    if height is not None and image.height != height:
        image = image.resize((image.width, height), Image.Resampling.NEAREST)
    canvas.paste(image, (x, y))
    return image.width, image.height


def _draw_text(canvas: Image.Image, x: int, y: int, text: str, *, height: int, bold: bool) -> None:
    font = _font(height, bold)
    draw = ImageDraw.Draw(canvas)
    room = canvas.width - x
    width = int(draw.textlength(text, font=font))
    if width <= room:
        draw.text((x, y), text, fill=0, font=font)
        return
    # Squeeze rather than run off the label, as a printer's field block would.
    strip = Image.new("L", (width, height + height // 3), 255)
    ImageDraw.Draw(strip).text((0, 0), text, fill=0, font=font)
    canvas.paste(strip.resize((max(1, room), strip.height), Image.Resampling.BILINEAR), (x, y))


def _interpretation_line(canvas: Image.Image, text: str, x: int, y: int, *, symbol_width: int, module: int) -> None:
    height = max(18, module * 9)
    font = _font(height, False)
    width = int(ImageDraw.Draw(canvas).textlength(text, font=font))
    _draw_text(canvas, x + max(0, (symbol_width - width) // 2), y + 4, text, height=height, bold=False)


def _draw(canvas: Image.Image, element: Element) -> None:
    match element:
        case Text(x=x, y=y, text=text, height=height, bold=bold):
            _draw_text(canvas, x, y, text, height=height, bold=bold)
        case Code128(x=x, y=y, data=data, height=height, module=module, human_readable=hr):
            symbol = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.Code128)
            width, _ = _paste_symbol(canvas, symbol, x, y, scale=module, height=height)
            if hr:
                _interpretation_line(canvas, data, x, y + height, symbol_width=width, module=module)
        case Gs1_128(x=x, y=y, data=data, height=height, module=module, human_readable=hr):
            symbol = zxingcpp.create_barcode(data.hri, zxingcpp.BarcodeFormat.Code128, gs1=True)
            width, _ = _paste_symbol(canvas, symbol, x, y, scale=module, height=height)
            if hr:
                _interpretation_line(canvas, data.hri, x, y + height, symbol_width=width, module=module)
        case QrCode(x=x, y=y, data=data, magnification=magnification):
            symbol = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode)
            _paste_symbol(canvas, symbol, x, y, scale=magnification, height=None)
        case DataMatrix(x=x, y=y, data=data, module=module):
            # ZPL prints square DataMatrix symbols only, so the preview does too.
            if isinstance(data, Gs1Data):
                symbol = zxingcpp.create_barcode(
                    data.hri, zxingcpp.BarcodeFormat.DataMatrix, gs1=True, force_square=True
                )
            else:
                symbol = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.DataMatrix, force_square=True)
            _paste_symbol(canvas, symbol, x, y, scale=module, height=None)
        case Line(x=x, y=y, length=length, thickness=thickness, vertical=vertical):
            width, height = (thickness, length) if vertical else (length, thickness)
            ImageDraw.Draw(canvas).rectangle((x, y, x + width - 1, y + height - 1), fill=0)
        case Box(x=x, y=y, width=width, height=height, thickness=thickness):
            ImageDraw.Draw(canvas).rectangle((x, y, x + width - 1, y + height - 1), outline=0, width=thickness)


def render_preview(label: Label) -> Image.Image:
    """The label as a greyscale image, one pixel per printer dot."""
    canvas = Image.new("L", (label.width, label.height), 255)
    for element in label.elements:
        _draw(canvas, element)
    return canvas


def preview_png(label: Label) -> bytes:
    """The preview as PNG bytes, with the label's resolution recorded so it can be shown to scale."""
    buffer = io.BytesIO()
    # Fast compression: a preview is shown once and thrown away.
    render_preview(label).save(buffer, format="PNG", compress_level=1, dpi=(label.dpi, label.dpi))
    return buffer.getvalue()
