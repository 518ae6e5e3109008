"""The image-cache fix: a picture saved again while it is being read is never seen truncated."""

import threading

import numpy as np
from gradio import processing_utils
from PIL import Image

from playground import gradio_fixes


def test_saving_the_same_picture_again_never_truncates_it_for_a_reader(tmp_path):
    gradio_fixes.apply()
    assert processing_utils.save_pil_to_cache is gradio_fixes.save_pil_to_cache
    img = Image.fromarray(np.random.default_rng(0).integers(0, 255, (256, 256, 3), dtype=np.uint8))
    path = processing_utils.save_pil_to_cache(img, str(tmp_path), format="png")
    size = len(open(path, "rb").read())
    stop, short_reads = threading.Event(), []

    def writer():
        while not stop.is_set():
            processing_utils.save_img_array_to_cache(np.asarray(img), str(tmp_path), format="png")

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


def test_the_stock_function_is_what_the_fix_says(tmp_path):
    """Guard against a Gradio upgrade: the stock function still exists with this signature."""
    import inspect

    stock = processing_utils.__dict__.get("encode_pil_to_bytes"), processing_utils.__dict__.get("hash_bytes")
    assert all(stock)
    params = list(inspect.signature(gradio_fixes.save_pil_to_cache).parameters)
    assert params == ["img", "cache_dir", "name", "format"]
