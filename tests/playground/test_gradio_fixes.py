"""The one Gradio workaround (``playground.gradio_fixes``): Gradio's own function still has the bug on the
versions the fix is gated to, and the fix never shows a reader a truncated picture."""

import os
import threading

import gradio
import numpy as np
import pytest
from gradio import processing_utils
from PIL import Image

from playground import gradio_fixes


def _picture(seed: int) -> Image.Image:
    return Image.fromarray(np.random.default_rng(seed).integers(0, 255, (64, 64, 3), dtype=np.uint8))


@pytest.mark.skipif(not gradio_fixes.affected(), reason=f"gradio {gradio.__version__} is outside the fix's gate")
def test_gradios_own_function_still_rewrites_the_cached_file_in_place(tmp_path):
    """Gradio's ``save_pil_to_cache`` truncates and rewrites the file a reader may hold open (same inode): the
    bug the fix stands for. When this fails, upstream changed it: drop the fix, or narrow ``AFFECTED``."""
    img = _picture(0)
    path = gradio_fixes.STOCK(img, str(tmp_path), format="png")
    before = os.stat(path).st_ino
    with open(path, "rb") as reader:
        gradio_fixes.STOCK(img, str(tmp_path), format="png")
        assert os.stat(path).st_ino == before  # written over in place, not renamed into place
        assert reader.read() == open(path, "rb").read()  # what the open reader sees is the rewrite


def test_the_gate_reads_versions():
    assert gradio_fixes.affected("6.31.0") and not gradio_fixes.affected("6.32.0")
    assert not gradio_fixes.affected("5.49.1")


def test_saving_the_same_picture_again_never_truncates_it_for_a_reader(tmp_path):
    img = _picture(1)
    path = gradio_fixes.save_pil_to_cache(img, str(tmp_path), format="png")
    size = len(open(path, "rb").read())
    stop, short_reads = threading.Event(), []

    def writer():
        while not stop.is_set():
            gradio_fixes.save_pil_to_cache(img, str(tmp_path), format="png")

    t = threading.Thread(target=writer)
    t.start()
    try:
        for _ in range(3000):
            n = len(open(path, "rb").read())
            if n != size:
                short_reads.append(n)
    finally:
        stop.set()
        t.join()
    assert not short_reads, f"{len(short_reads)} truncated reads, e.g. {short_reads[:5]}"
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["image.png"]  # no staging files left


def test_the_fix_is_what_gradio_calls_where_the_gate_applies():
    assert gradio_fixes.apply() == gradio_fixes.affected()
    if gradio_fixes.affected():
        assert processing_utils.save_pil_to_cache is gradio_fixes.save_pil_to_cache
