"""Turning what a visitor gives (a drawing, an upload, a picked photo) into arrays the models take.
Every failure is a ``gr.Error`` with a sentence a student understands."""

from __future__ import annotations

import gradio as gr
import numpy as np
from PIL import Image, UnidentifiedImageError

from models.core.digit_input import EmptyDrawing, as_drawn, ink_from_picture, ink_from_rgba, to_mnist
from playground.i18n import tr
from playground.settings import SETTINGS


class NotGivenYet(gr.Error):
    """The chosen source (a drawing, an upload) holds nothing yet. Through the API it is an error
    like any other; the UI catches it when the visitor has only just chosen that source."""


def drawing_to_digit(sketch, framed: bool = True) -> np.ndarray:
    """Sketchpad value (or a plain image) -> (28, 28) in [0, 1]: framed as MNIST frames its digits, or with
    ``framed=False`` where it was drawn on the pad. The stroke mask is the drawing layers' alpha, not the
    composite, so the canvas colour never counts as ink."""
    if sketch is None:
        raise NotGivenYet(tr("Draw a digit on the sketchpad first."))
    if isinstance(sketch, dict):
        layers = [np.asarray(v) for v in sketch.get("layers") or [] if v is not None]
        composite = sketch.get("composite")
    else:
        layers, composite = [], sketch
    arrays = layers or ([np.asarray(composite)] if composite is not None else [])
    if not arrays:
        raise NotGivenYet(tr("Draw a digit on the sketchpad first."))
    for a in arrays:
        if a.ndim not in (2, 3) or a.shape[0] * a.shape[1] > SETTINGS.upload_pixels_max:
            raise gr.Error(tr("The drawing must be a 2-D image of at most {n:,} pixels.", n=SETTINGS.upload_pixels_max))
    if layers:
        ink = np.max([ink_from_rgba(a) if a.ndim == 3 and a.shape[2] == 4 else ink_from_picture(a) for a in layers], 0)
    else:
        a = arrays[0]
        has_alpha = a.ndim == 3 and a.shape[2] == 4 and a[..., 3].min() < 255
        ink = ink_from_rgba(a) if has_alpha else ink_from_picture(a)
    try:
        return to_mnist(ink) if framed else as_drawn(ink)
    except EmptyDrawing:
        raise NotGivenYet(tr("The drawing is empty: draw a digit on the sketchpad first.")) from None


def picture_to_grey(image, side: int) -> np.ndarray:
    """An upload (array, PIL image or file path) -> (side, side) float32 grey in [0, 1]: the
    largest centred square, resized. Refuses non-images and pictures over the pixel limit."""
    if image is None:
        raise NotGivenYet(tr("Upload a picture first."))
    if isinstance(image, str):
        try:
            with Image.open(image) as im:
                if im.width * im.height > SETTINGS.upload_pixels_max:
                    raise gr.Error(too_big_message(im.width, im.height))
                image = np.asarray(im.convert("L"))
        except (UnidentifiedImageError, OSError):
            raise gr.Error(tr("That file is not a picture this app can read (use PNG or JPEG).")) from None
    elif isinstance(image, Image.Image):
        image = np.asarray(image.convert("L"))
    a = np.asarray(image)
    if a.dtype == object or a.ndim not in (2, 3) or (a.ndim == 3 and a.shape[2] not in (1, 3, 4)):
        raise gr.Error(tr("That upload is not a picture (expected a grey, RGB or RGBA image)."))
    if a.shape[0] * a.shape[1] > SETTINGS.upload_pixels_max:
        raise gr.Error(too_big_message(a.shape[1], a.shape[0]))
    if a.shape[0] < 8 or a.shape[1] < 8:
        raise gr.Error(tr("That picture is too small: it needs at least 8 x 8 pixels."))
    grey = a.astype(np.float32)
    if grey.ndim == 3:
        grey = grey[..., :3].mean(-1) if grey.shape[2] >= 3 else grey[..., 0]
    grey = grey / 255.0 if grey.max() > 1.0 else grey
    return square(grey, side)


def square(grey: np.ndarray, side: int) -> np.ndarray:
    """(H, W) in [0, 1] -> the centred square crop resized to (side, side)."""
    h, w = grey.shape
    k = min(h, w)
    top, left = (h - k) // 2, (w - k) // 2
    crop = Image.fromarray((np.clip(grey[top : top + k, left : left + k], 0, 1) * 255).astype(np.uint8))
    return np.asarray(crop.resize((side, side), Image.LANCZOS), np.float32) / 255.0


def too_big_message(w: int, h: int) -> str:
    return tr(
        "That picture is {w:,} x {h:,} pixels; the limit is {n:,} pixels in all.",
        w=w,
        h=h,
        n=SETTINGS.upload_pixels_max,
    )


def drawing_to_points(sketch, extent: float = 2.5, max_points: int = 2000) -> np.ndarray:
    """Sketchpad strokes -> (N, 2) points in [-extent, extent]², y up. Refuses empty drawings."""
    layers = (sketch or {}).get("layers") or [] if isinstance(sketch, dict) else []
    alpha = [
        np.asarray(a)[..., 3]
        for a in layers
        if a is not None and np.asarray(a).ndim == 3 and np.asarray(a).shape[2] == 4
    ]
    mask = np.max(alpha, 0) > 0 if alpha else np.zeros((1, 1), bool)
    if not mask.any():
        raise gr.Error(tr("Draw your data set on the sketchpad first (choose the 'drawn' data set, then draw)."))
    ys, xs = np.nonzero(mask)
    if np.ptp(xs) < 3 and np.ptp(ys) < 3:
        raise gr.Error(tr("The drawing has a single point: draw at least a stroke, so the data set has some extent."))
    h, w = mask.shape
    pts = np.stack([xs / (w - 1) * 2 - 1, 1 - ys / (h - 1) * 2], 1) * extent
    rng = np.random.default_rng(0)
    return pts[rng.choice(len(pts), min(max_points, len(pts)), replace=False)].astype(np.float32)
