"""Pictures of the ControlNet tab: control maps and outputs enlarged, the skeleton drawn large in
OpenPose colours, and the strip over conditioning scale with each output's fidelity under it."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from models.diffusion.control.figures import skeleton_image
from playground.pictures import LABEL_PX, draw_text, font
from playground.tabs.controlnet.texts import say

PREVIEW = 256  # px: a 32 x 32 map at 8x, each of its pixels a block a projector's back row reads
PAIR = 160  # px per panel of a picture beside its map (the map at 5x): the two fit the controls column
TITLE_PX = 16  # a preview's titles: a little larger than the smallest label (LABEL_PX), where they fit


def control_preview(x: np.ndarray, width: int = PREVIEW) -> Image.Image:
    """(H, W) in [0, 1] -> a grey PIL image enlarged without blur."""
    img = (np.clip(x, 0, 1) * 255).astype(np.uint8)
    k = max(1, width // img.shape[1])
    return Image.fromarray(img).resize((img.shape[1] * k, img.shape[0] * k), Image.NEAREST)


def titled(panels: list[Image.Image], titles: list[str], gap: int = 12) -> Image.Image:
    """Grey pictures of one height side by side, each under its title (already in the visitor's language), in
    the app's font: the preview carries its own words, where a Gradio label would lie over its top rows."""
    text_h = TITLE_PX + 10
    out = Image.new("L", (sum(p.width for p in panels) + gap * (len(panels) - 1), text_h + panels[0].height), 255)
    draw = ImageDraw.Draw(out)
    x = 0
    for panel, title in zip(panels, titles, strict=True):
        f = font(TITLE_PX) if font(TITLE_PX).getlength(title) <= panel.width else font(LABEL_PX)
        draw_text(draw, (x, 2), title, fill=0, font=f)
        out.paste(panel, (x, text_h))
        x += panel.width + gap
    return out


def map_preview(edges: np.ndarray, title: str, width: int = PREVIEW) -> Image.Image:
    """The control map (32, 32) alone, enlarged without blur, under its title."""
    return titled([control_preview(edges, width)], [title])


def picture_beside_map(
    picture: np.ndarray, edges: np.ndarray, titles: tuple[str, str], side: int = PAIR
) -> Image.Image:
    """What a photo was beside what the model is given: ``picture`` grey in [0, 1] (the square the map is made
    from, at about ``side`` px) and ``edges`` (32, 32) enlarged without blur to the same size, each under its
    title."""
    shown = Image.fromarray((np.clip(picture, 0, 1) * 255).astype(np.uint8)).resize((side, side), Image.LANCZOS)
    return titled([shown, control_preview(edges, side).resize((side, side), Image.NEAREST)], list(titles))


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
        draw_text(draw, (x, 0), say("scale_s_g", s=s), fill=0, font=f)
        out.paste(control_preview(img, cell).resize((cell, cell), Image.NEAREST), (x, gap + text_h))
        draw_text(draw, (x, gap + text_h + cell + 2), f"{what} {v:.2f}", fill=0, font=f)
    return out
