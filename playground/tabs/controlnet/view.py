"""Pictures of the ControlNet tab: control maps and outputs enlarged, the skeleton drawn large in
OpenPose colours, and the strip over conditioning scale with each output's fidelity under it."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from models.figures import skeleton_image
from playground.i18n import tr
from playground.pictures import LABEL_PX, draw_text, font

PREVIEW = 256


def control_preview(x: np.ndarray, width: int = PREVIEW) -> Image.Image:
    """(H, W) in [0, 1] -> a grey PIL image enlarged without blur."""
    img = (np.clip(x, 0, 1) * 255).astype(np.uint8)
    k = max(1, width // img.shape[1])
    return Image.fromarray(img).resize((img.shape[1] * k, img.shape[0] * k), Image.NEAREST)


def skeleton_preview(points: np.ndarray, size: int, width: int = PREVIEW) -> Image.Image:
    """The skeleton the ControlNet gets, redrawn at ``width`` px (thick lines, same colours) so a
    person can read it; the model itself sees the 1-pixel version at ``size``."""
    k = width / size
    return Image.fromarray(skeleton_image(np.asarray(points) * k, width, line_width=max(2, round(k * 0.9))))


def fidelity_strip(outputs: np.ndarray, scales, scores, what: str, cell: int = 128, gap: int = 8) -> Image.Image:
    """Outputs (n, H, W) in [0, 1] side by side, "scale s" above each and "<what> v" below (``what``
    already in the visitor's language), in the app's font."""
    n = len(outputs)
    text_h = LABEL_PX + 10  # a line of the font, Chinese included
    out = Image.new("L", (n * (cell + gap) + gap, cell + 2 * text_h + 2 * gap), 255)
    draw = ImageDraw.Draw(out)
    f = font(LABEL_PX)
    for i, (img, s, v) in enumerate(zip(outputs, scales, scores, strict=True)):
        x = gap + i * (cell + gap)
        draw_text(draw, (x, 0), tr("scale {s:g}", s=s), fill=0, font=f)
        out.paste(control_preview(img, cell).resize((cell, cell), Image.NEAREST), (x, gap + text_h))
        draw_text(draw, (x, gap + text_h + cell + 2), f"{what} {v:.2f}", fill=0, font=f)
    return out
