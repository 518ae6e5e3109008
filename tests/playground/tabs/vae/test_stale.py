"""No stale or mislabelled output (issue 20): what the VAE tab shows after a control changes belongs to the
control's new value. Handlers are called as the UI calls them; the wiring is read from the built page."""

import gradio as gr
import pytest

from models.core.data import digit_split
from playground.tabs.vae import encode, interpolate
from playground.tabs.vae import handlers as vae
from tests.fixtures import tab_demo
from tests.playground.tabs.vae.test_handlers import sketch_of

# handlers.CHANGE_MODEL_OUTPUTS -> the elem_id of the component the page wires there (None: a gr.State)
ELEM = {
    "projection": "vae-projection",
    "card": "vae-card",
    "z": "vae-z",
    "digit": "vae-digit",
    "map": "vae-map",
    "path": None,
    "caption": "vae-map-caption",
    "drawn": None,
    "strip": "vae-strip",
    "seen": "vae-seen",
    "recon": "vae-recon",
    "samples": "vae-samples",
    "mu_plot": "vae-mu-plot",
    "elbo": "vae-elbo",
}


@pytest.fixture(scope="module")
def demo():
    return tab_demo("vae")


def event(demo, api_name: str):
    (fn,) = [fn for fn in demo.fns.values() if fn.api_name == api_name]
    return fn


def ids(blocks) -> list:
    return [b.elem_id for b in blocks]


def after_model_change(name: str) -> dict:
    out = vae.change_model(name)
    assert len(out) == vae.MAX_LATENT + len(vae.CHANGE_MODEL_OUTPUTS)
    return dict(zip(vae.CHANGE_MODEL_OUTPUTS, out[vae.MAX_LATENT :], strict=True))


# ---- switching the model -----------------------------------------------------------------------


def test_model_change_clears_what_the_old_model_computed():
    """The strip, the μ ± σ plot (2 bars from vae2 under a 16-D model), the ELBO table, the reconstruction and
    samples, and the drawing's μ were the old model's: cleared, with the path."""
    interpolate.vae_interpolate("vae2", "latent plane", 0, "test digit", 50, "linear", 4, None)
    encode.vae_encode("vae2", sketch_of(digit_split().x_test[3]), 2, 0)
    out = after_model_change("vae16")
    for name in ("path", "drawn", "strip", "seen", "recon", "samples", "mu_plot"):
        assert out[name] is None, name
    assert out["elbo"] == ""


def test_model_change_is_wired_to_every_output_it_clears(demo):
    fn = event(demo, "vae_change_model")
    outputs = fn.outputs[vae.MAX_LATENT :]
    assert len(outputs) == len(vae.CHANGE_MODEL_OUTPUTS)
    for name, block in zip(vae.CHANGE_MODEL_OUTPUTS, outputs, strict=True):
        if ELEM[name] is None:
            assert isinstance(block, gr.State), name
        else:
            assert block.elem_id == ELEM[name], name


def test_a_drawing_of_one_16d_model_is_not_interpolated_to_under_the_other():
    """vae16 and vae16_beta4 have the same D, so the length check alone let vae16's μ pass as B."""
    *_, mu = encode.vae_encode("vae16", sketch_of(digit_split().x_test[3]), 2, 0)
    drawn = after_model_change("vae16_beta4")["drawn"]
    assert len(mu) == 16 and drawn is None
    with pytest.raises(gr.Error, match="Encode a drawing"):
        interpolate.vae_interpolate("vae16_beta4", "PCA", 0, "my drawing", 0, "linear", 4, drawn)


def test_the_z_box_says_how_many_numbers_the_new_model_takes():
    z16 = after_model_change("vae16")["z"]
    assert z16["info"] == "16 numbers, each within ±5" and z16["value"] == ", ".join(["0.00"] * 16)
    assert after_model_change("vae2")["z"]["info"] == "2 numbers, each within ±5"


# ---- the map caption names the marker (or the path) on the map ----------------------------------


def click(name: str, projection: str, xy=(200, 200)):
    return vae.select_on_map(name, projection, None, gr.SelectData(None, {"index": list(xy), "value": None}))


def test_the_caption_follows_the_sliders():
    assert click("vae2", "latent plane")[-1].startswith("z = (")
    *_, caption = vae.decode_sliders("vae2", "latent plane", None, 0.5, -0.5, *[0.0] * 14)
    assert caption == "z = (0.50, -0.50)"
    assert "nearest test digit" in click("vae16", "PCA")[-1]
    *_, caption = vae.decode_sliders("vae16", "PCA", None, *[0.3] * 16)
    assert caption == ""  # the moved marker is no test digit any more


def test_the_caption_follows_a_typed_z():
    out = vae.sync_sliders("vae2", "1, -2")
    assert out[:2] == (1.0, -2.0) and out[-1] == "z = (1.00, -2.00)"
    assert vae.sync_sliders("vae16", ", ".join(["0.5"] * 16))[-1] == ""


def test_the_caption_after_a_model_change_names_its_z():
    assert after_model_change("vae2")["caption"] == "z = (0.00, 0.00)"
    assert after_model_change("vae16")["caption"] == ""


def test_the_caption_names_a_sample_an_interpolation_and_a_drawing():
    assert vae.sample_caption(0.5, 3) == "a random sample z ~ N(0, T²·I): T = 0.5, seed 3"
    assert interpolate.interpolation_caption(105, "test digit", 405, "spherical", 9) == (
        "the path from A, test digit #105 (label 2), to B, test digit #405 (label 8): 9 steps, spherical"
    )
    assert "B, your drawing: 4 steps, linear" in interpolate.interpolation_caption(0, "my drawing", 7, "linear", 4)
    *_, mu = encode.vae_encode("vae2", sketch_of(digit_split().x_test[3]), 2, 0)
    assert (
        encode.show_drawing_encoding("vae2", "latent plane", mu)[-1] == "your drawing's encoding: μ, the mean of q(z|x)"
    )


def test_every_event_that_moves_the_marker_rewrites_the_caption(demo):
    """Itself, or in a step run once it succeeded (the API events keep their outputs for gradio_client).
    A projection change redraws the same z, whose caption stays true."""
    fns = list(demo.fns.values())
    for fn in fns:
        if "vae-map" not in ids(fn.outputs) or fn.api_name == "vae_redraw":
            continue
        after = [f for f in fns if f.trigger_after == fn._id and f.trigger_only_on_success]
        written = ids(fn.outputs) + [i for f in after for i in ids(f.outputs)]
        assert "vae-map-caption" in written, fn.api_name


def test_the_api_events_keep_their_outputs(demo):
    outputs = {name: ids(event(demo, name).outputs) for name in ("vae_decode", "vae_sample", "vae_interpolate")}
    assert outputs["vae_decode"] == ["vae-digit", "vae-map"]
    assert outputs["vae_sample"] == [f"vae-z{i + 1}" for i in range(vae.MAX_LATENT)] + ["vae-z", "vae-digit", "vae-map"]
    assert outputs["vae_interpolate"] == ["vae-strip", "vae-map", None]
    assert ids(event(demo, "vae_encode").outputs) == [
        "vae-seen",
        "vae-recon",
        "vae-samples",
        "vae-mu-plot",
        "vae-elbo",
        None,
    ]


# ---- controls that mean nothing are hidden -------------------------------------------------------


def test_b_index_is_hidden_when_b_is_a_drawing(demo):
    index_b, preview_b, note = interpolate.endpoint_b_controls("my drawing")
    assert index_b["visible"] is False and preview_b["visible"] is False and note["visible"] is True
    assert [u["visible"] for u in interpolate.endpoint_b_controls("test digit")] == [True, True, False]
    fn = event(demo, "vae_endpoint_b")
    assert ids(fn.inputs) == ["vae-endpoint-b"] and ids(fn.outputs)[::2] == ["vae-index-b", "vae-b-note"]
    with pytest.raises(gr.Error, match="endpoint B"):
        interpolate.endpoint_b_controls("a photo")
