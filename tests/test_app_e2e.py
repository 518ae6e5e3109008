"""End to end: the app in its own process, driven through gradio_client by API name."""

import re

import numpy as np
import pytest
from PIL import Image

from benchmarks.app_process import local_client

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def client(app_url):
    return local_client(app_url)


def test_api_names_are_published(client):
    names = set(client.view_api(print_info=False, return_format="dict")["named_endpoints"])
    assert {"/vae_decode", "/vae_sample", "/vae_interpolate", "/vae_encode"} <= names
    assert {"/gan_train", "/gan_reset", "/gan_compare", "/gan_snapshot"} <= names
    assert {
        "/diffusion_forward",
        "/diffusion_forward_check",
        "/diffusion_reverse",
        "/diffusion_compare",
        "/diffusion_2d",
    } <= names
    assert {"/cfg_grid", "/controlnet_edge", "/controlnet_pose"} <= names
    assert {"/metrics_lab", "/nearest_neighbours", "/trilemma", "/trilemma_speed"} <= names
    assert {"/ar_sample", "/ar_complete", "/ar_receptive_field", "/ar_likelihood", "/ar_cost"} <= names
    assert {
        "/flow_train",
        "/flow_reset",
        "/flow_layers",
        "/flow_density",
        "/flow_matching",
        "/flow_digits",
        "/flow_interpolate",
        "/flow_reconstruct",
        "/flow_likelihood",
    } <= names
    assert {
        "/ldm_sample",
        "/ldm_compare",
        "/ldm_img2img",
        "/ldm_inpaint",
        "/ldm_negative",
        "/autoencoder_reconstruct",
    } <= names
    assert {"/nfe_curve", "/fast_sample", "/student_compare", "/upsample"} <= names
    assert {
        "/t2i_sample",
        "/t2i_tokens",
        "/t2i_attention",
        "/t2i_negative",
        "/t2i_swap",
        "/t2i_guidance",
        "/t2i_tradeoff",
    } <= names


def test_the_long_endpoints_take_named_parameters(client):
    """No param_0 ... param_19: every parameter of the GAN lab's and the pose ControlNet's endpoints has its name."""
    api = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    for name in ("/gan_train", "/gan_reset", "/controlnet_pose"):
        params = [p["parameter_name"] for p in api[name]["parameters"]]
        assert not [p for p in params if p.startswith("param_")], (name, params)
    assert [p["parameter_name"] for p in api["/controlnet_pose"]["parameters"]][-2:] == ["l_hip", "l_knee"]
    *_, keypoints, _, status = client.predict(
        keypoints_json="", r_shoulder=170, l_shoulder=170, steps=5, api_name="/controlnet_pose"
    )
    assert "IoU" in status and "keypoints" in keypoints  # both arms up, every other parameter its default


def test_home_tab_through_the_api(client):
    table, panel, lesson = client.predict("blur", 1.0, 200, 0, api_name="/metrics_lab")
    assert "precision" in table and "▼ worse" in table and "Blurry" in lesson and Image.open(panel).size[1] > 200
    panel, caption = client.predict("DCGAN (64-D z)", 2, 0, api_name="/nearest_neighbours")
    assert "pixel distance" in caption
    _, table, grids = client.predict("precision", api_name="/trilemma")
    assert "diffusion DDIM-50" in table and len(grids) >= 7


def test_vae_decode(client):
    digit, latent_map = client.predict("vae2", "0.5, -1.0", "latent plane", api_name="/vae_decode")
    img = Image.open(digit)
    assert img.size == (280, 280) and np.asarray(img).std() > 10
    other, _ = client.predict("vae2", "[-2, 2]", "latent plane", api_name="/vae_decode")
    assert not np.array_equal(np.asarray(img), np.asarray(Image.open(other)))
    assert Image.open(latent_map).size[0] > 400


def test_vae_sample_is_seeded(client):
    a = client.predict("vae16", "PCA", 1.0, 3, api_name="/vae_sample")
    b = client.predict("vae16", "PCA", 1.0, 3, api_name="/vae_sample")
    assert a[16] == b[16] and len(a[16].split(",")) == 16


def test_vae_interpolate(client):
    strip, latent_map = client.predict("vae16", "UMAP", 0, "test digit", 9, "spherical", 8, api_name="/vae_interpolate")
    assert Image.open(strip).size[0] == 8 * 84 + 9 * 4


def test_vae_encode_a_drawing(client, tmp_path):
    from gradio_client import handle_file

    layer = np.zeros((280, 280, 4), np.uint8)
    layer[40:240, 130:150, 3] = 255  # a "1"
    path = tmp_path / "one.png"
    Image.fromarray(layer).save(path)
    value = {"background": None, "layers": [handle_file(str(path))], "composite": handle_file(str(path))}
    seen, recon, samples, plot, elbo_md = client.predict("vae16", value, 4, 0, api_name="/vae_encode")
    assert "ELBO" in elbo_md and Image.open(recon).size == (112, 112)


def test_bad_input_gets_a_message_and_the_app_keeps_serving(client):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="between -5 and 5"):
        client.predict("vae2", "0, 50", "latent plane", api_name="/vae_decode")
    with pytest.raises(AppError, match="2-D latent space"):
        client.predict("vae2", "1, 2, 3", "latent plane", api_name="/vae_decode")
    with pytest.raises(AppError, match="greater than maximum value 32|number of steps"):
        client.predict("vae2", "latent plane", 0, "test digit", 1, "linear", 10_000, api_name="/vae_interpolate")
    with pytest.raises(AppError):
        client.predict("vae2", "latent plane", "zero", "test digit", 1, "linear", 5, api_name="/vae_interpolate")
    blank = {"background": None, "layers": [], "composite": None}
    with pytest.raises(AppError, match="Draw a digit|empty"):
        client.predict("vae16", blank, 4, 0, api_name="/vae_encode")
    digit, _ = client.predict("vae2", "0, 0", "latent plane", api_name="/vae_decode")
    assert Image.open(digit).size == (280, 280)


def test_a_chinese_client_gets_chinese_messages_and_an_english_one_english(app_url):
    """The language of an API call is its Accept-Language (a client that sends none gets English), for the
    handlers' own checks and for the input guard's (Gradio's conversion of a slider out of its range)."""
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    from scripts.i18n_coverage import english_runs

    zh = Client(app_url, verbose=False, ssl_verify=False, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    en = Client(app_url, verbose=False, ssl_verify=False)
    calls = [
        (("vae2", "1, 2, 3", "latent plane"), "/vae_decode", "2-D latent space"),
        (("vae2", "latent plane", 0, "test digit", 1, "linear", 10_000), "/vae_interpolate", "maximum value"),
    ]
    for args, api_name, english in calls:
        with pytest.raises(AppError) as chinese:
            zh.predict(*args, api_name=api_name)
        message = str(chinese.value)
        assert re.search(r"[\u4e00-\u9fff]", message) and not english_runs(message), message
        with pytest.raises(AppError, match=english):
            en.predict(*args, api_name=api_name)


GAN_KNOBS = dict(
    dataset="ring8",
    objective="nonsaturating",
    spectral_norm=False,
    r1=0,
    pack=1,
    minibatch_std=False,
    unrolled=0,
    d_steps=1,
    lr_g=1e-3,
    lr_d=1e-3,
    lr_drop_every=0,
    width=32,
    depth=2,
    latent=2,
    batch=64,
    seed=0,
)


def test_gan_train_streams(client):
    # 100 steps: the shortest run the steps slider allows (each request streams up to 50 frames)
    job = client.submit(*GAN_KNOBS.values(), 100, ["real", "generated"], None, api_name="/gan_train")
    outputs = list(job)
    assert len(outputs) > 1
    view, curves, status, scrubber = outputs[-1]
    assert "step 100" in status and Image.open(view).size[0] > 400
    # the same session continues its run: 100 more steps end at step 200
    again = client.predict(*GAN_KNOBS.values(), 100, ["real", "generated"], None, api_name="/gan_train")
    assert "step 200" in again[2]
    # D-guided refinement (the last parameter): the same run goes on and the status reports the refined samples
    refined = client.predict(*GAN_KNOBS.values(), 100, ["refined"], None, 5, api_name="/gan_train")
    assert "step 300" in refined[2] and "5 steps of D-guided refinement" in refined[2]
    # every parameter has a name and a default: a script names only what it changes
    named = client.predict(objective="hinge", seed=3, steps=100, api_name="/gan_train")
    assert "step 100" in named[2], "other knobs: a new run"
    assert "step 0" in client.predict(dataset="grid25", api_name="/gan_reset")[2]


def test_gan_bad_input(client):
    from gradio_client.exceptions import AppError

    bad = {**GAN_KNOBS, "width": 100_000}
    with pytest.raises(AppError, match="width|maximum"):
        client.predict(*bad.values(), 100, [], None, api_name="/gan_train")
    drawn = {**GAN_KNOBS, "dataset": "drawn"}
    with pytest.raises(AppError, match="Draw your data set"):
        client.predict(*drawn.values(), 100, [], None, api_name="/gan_train")


def test_gan_snapshot(client):
    grid, hist, summary = client.predict("vanilla (collapsing)", "2000", 0, api_name="/gan_snapshot")
    assert Image.open(grid).size == (448, 448) and "entropy" in summary
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError):
        client.predict("vanilla (collapsing)", 1234, 0, api_name="/gan_snapshot")


def test_two_visitors_train_separate_runs(app_url):
    a, b = local_client(app_url), local_client(app_url)
    ja = a.submit(*GAN_KNOBS.values(), 200, [], None, api_name="/gan_train")
    jb = b.submit(*{**GAN_KNOBS, "seed": 1}.values(), 100, [], None, api_name="/gan_train")
    assert "step 200" in ja.result()[2] and "step 100" in jb.result()[2]
    assert "step 300" in b.predict(*{**GAN_KNOBS, "seed": 1}.values(), 200, [], None, api_name="/gan_train")[2]


def test_diffusion_forward(client):
    x_t, strip, curves, hist, caption = client.predict(
        "test digit", 7, "camera", None, None, "cosine", 1000, 400, 0, api_name="/diffusion_forward"
    )
    assert Image.open(x_t).size[0] >= 300 and "t = 400" in caption
    check = client.predict(
        "photo", 0, "camera", None, None, "linear", 1000, 200, 0, api_name="/diffusion_forward_check"
    )
    assert "they agree" in check


def test_pixelcnn_through_the_api(client):
    job = client.submit("Gated PixelCNN", "unconditional", 1.0, 1.0, 1, 0, api_name="/ar_sample")
    outputs = list(job)
    assert len(outputs) >= 5, "the pixels stream"
    digits, belief, status, gif, scrubber = outputs[-1]
    assert "784 network calls" in status and Image.open(gif).n_frames >= 20
    picture, status = client.predict(
        "test digit", 0, None, 25, 2, "plain PixelCNN", "0", 0.8, 3.0, 0, api_name="/ar_complete"
    )
    assert "Top 25 rows kept" in status and Image.open(picture).size[0] > 300
    digit, maps, table = client.predict("test digit", 1, None, "unconditional", api_name="/ar_likelihood")
    assert "−log p(x)" in table and "Gated PixelCNN" in table and "image transformer" in table
    plain, gated, transformer, table = client.predict(10, 20, api_name="/ar_receptive_field")
    assert "blind spot" in table
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="rows to keep"):
        client.predict("test digit", 0, None, 40, 2, "plain PixelCNN", "0", 1.0, 1.0, 0, api_name="/ar_complete")


def test_diffusion_reverse_streams(client):
    job = client.submit("DDIM", 10, 0.0, "4", 2.0, 0, 4, False, api_name="/diffusion_reverse")
    outputs = list(job)
    assert len(outputs) >= 2
    x_t, x0, eps, status, strip, gif, scrubber = outputs[-1]
    assert "10 steps done" in status and Image.open(gif).n_frames >= 10
    assert np.asarray(Image.open(x0)).std() > 10


def test_diffusion_bad_input(client, tmp_path):
    from gradio_client import handle_file
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="steps|maximum"):
        client.predict("DDPM", 100_000, 0.0, "4", 2.0, 0, 4, False, api_name="/diffusion_reverse")
    not_an_image = tmp_path / "notes.png"
    not_an_image.write_text("hello")
    with pytest.raises(AppError, match="not a picture"):
        client.predict(
            "upload",
            0,
            "camera",
            handle_file(str(not_an_image)),
            None,
            "linear",
            1000,
            10,
            0,
            api_name="/diffusion_forward",
        )


def test_diffusion_2d(client):
    gif, paths, status = client.predict("spiral", 0, api_name="/diffusion_2d")
    assert Image.open(gif).n_frames > 40 and "spiral" in status


def test_controlnet_edge(client):
    gallery, strip, status = client.predict(
        "test digit",
        7,
        "camera",
        None,
        None,
        "Canny",
        0.1,
        0.2,
        "figure",
        2.0,
        1.0,
        0.0,
        1.0,
        5,
        0,
        api_name="/controlnet_edge",
    )
    assert len(gallery) == 5 and gallery[0]["caption"].startswith("control map")
    assert gallery[1]["caption"].startswith("F1 ") and "images in" in status
    assert Image.open(strip).width >= 5 * 128  # the strip over five scales


def test_controlnet_pose_from_keypoint_json(client):
    from models.diffusion.control.figures import PRESETS, fit_to_canvas, keypoints, to_openpose_json

    text = to_openpose_json(fit_to_canvas(keypoints(PRESETS["jumping"]), 32)[0] * 8, 256)  # a 256-px canvas
    gallery, strip, out_text, path, status = client.predict(
        "keypoint JSON", "custom", text, "figure", 2.0, 1.0, 0.0, 1.0, 5, 0, *([0] * 10), api_name="/controlnet_pose"
    )
    assert "skeleton" in gallery[0]["caption"] and gallery[1]["caption"].startswith("IoU ")
    assert '"canvas_width": 32' in out_text and open(path).read().strip().startswith("{")


def test_controlnet_bad_input(client, tmp_path):
    from gradio_client import handle_file
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="not valid JSON"):
        client.predict(
            "keypoint JSON",
            "custom",
            "{oops",
            "figure",
            2.0,
            1.0,
            0.0,
            1.0,
            5,
            0,
            *([0] * 10),
            api_name="/controlnet_pose",
        )
    with pytest.raises(AppError, match="blank"):
        black = tmp_path / "black.png"
        Image.new("L", (64, 64), 0).save(black)
        client.predict(
            "upload",
            0,
            "camera",
            handle_file(str(black)),
            None,
            "none (my own edge map)",
            0.1,
            0.2,
            "figure",
            2.0,
            1.0,
            0.0,
            1.0,
            5,
            0,
            api_name="/controlnet_edge",
        )


def test_flows_through_the_api(client):
    job = client.submit(dataset="ring8", flow="RealNVP", depth=4, width=32, steps=300, api_name="/flow_train")
    outputs = list(job)
    assert len(outputs) >= 5, "the training streams"
    view, curves, status, replay, layer = outputs[-1]
    assert "step 300" in status and "KL gap" in status and Image.open(view).size[0] > 400
    picture, caption = client.predict(2, "x → z (density)", api_name="/flow_layers")  # the same session's run
    assert "2 of 5 layers undone" in caption and Image.open(picture).size[0] > 400
    table, _ = client.predict(0.0, 2.0, api_name="/flow_density")
    assert "log N(z; 0, I)" in table and "**log q(x)**" in table
    paths, samples, status = client.predict("moons", 200, False, 0, api_name="/flow_matching")
    assert "step 200" in status and Image.open(samples).size[0] > 1000
    picture, status = client.predict("7", 0.5, 4, 0, api_name="/flow_digits")
    assert "as the class asked for" in status
    _, table = client.predict(3, api_name="/flow_reconstruct")
    assert "flow (Glow)" in table
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="depth"):
        client.predict(dataset="ring8", depth=99, steps=100, api_name="/flow_train")


def test_latent_diffusion_through_the_api(client):
    outputs = list(client.submit(digit="7", steps=8, n=2, api_name="/ldm_sample"))
    assert len(outputs) >= 2, "the pipeline streams"
    pipeline, samples, strip, status = outputs[-1]
    assert "8 steps" in status and "as a 7" in status and Image.open(pipeline).size[0] > 500
    _, strip, text = client.predict(
        source="test digit", index=150, target="8", strength=0.7, steps=10, api_name="/ldm_img2img"
    )
    assert "7 of 10 DDIM steps" in text and Image.open(strip).size[0] > 800
    _, table = client.predict(mask="bottom half", digit="8", steps=10, n=1, api_name="/ldm_inpaint")
    assert "latent blending" in table and "RePaint" in table
    _, text = client.predict(source="test digit", index=3, api_name="/autoencoder_reconstruct")
    assert "| 4 | 4×8×8 | 4× |" in text
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="strength"):
        client.predict(strength=1.5, steps=5, api_name="/ldm_img2img")
    with pytest.raises(AppError, match="Brush over"):
        client.predict(
            mask="brushed",
            editor={"background": None, "layers": [], "composite": None},
            steps=5,
            api_name="/ldm_inpaint",
        )


def test_fast_sampling_through_the_api(client):
    figure, table = client.predict("recall", api_name="/nfe_curve")
    assert "| LCM student |" in table and "| UniPC |" in table
    picture, text = client.predict(sampler="LCM student", nfe=2, digit="4", n=2, api_name="/fast_sample")
    assert "LCM student at 2 network evaluations" in text and Image.open(picture).size[1] > 100
    outputs = list(client.submit(digit="5", noise_level=50, base_steps=8, up_steps=6, n=2, api_name="/upsample"))
    assert len(outputs) >= 3, "the upsampler streams"
    base, live, rows, status = outputs[-1]
    assert "| diffusion, s=50 |" in status and Image.open(rows).size[1] > Image.open(base).size[1]
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="noise level"):
        client.predict(noise_level=1000, api_name="/upsample")
    with pytest.raises(AppError, match="network evaluations"):
        client.predict(sampler="LCM student", nfe=50, api_name="/fast_sample")


def test_a_typed_prompt_streams_into_pictures_with_its_attention(client):
    """Text to image through the API by name: the tokens, the streamed samples (several updates, then the result
    with the evaluator's reading), the maps per step, and an empty prompt refused in the visitor's language."""
    from gradio_client.exceptions import AppError

    chips, plot, md = client.predict(prompt="a thick 7 " * 12, api_name="/t2i_tokens")
    assert "t2i-cut" in chips and "tokens cut" in md
    job = client.submit(
        prompt="a thick 7 leaning right", negative="", guidance=3, steps=10, seed=0, n=4, api_name="/t2i_sample"
    )
    samples, maps, status = job.result()
    assert len(job.outputs()) >= 2 and "reads **4 of 4**" in status.replace("The evaluator reads ", "reads ")
    assert Image.open(maps).size[0] > Image.open(samples).size[0] // 2
    picture, summary = client.predict(
        prompt="左上角一个小的3",
        negative="",
        guidance=3,
        steps=8,
        seed=1,
        layer="all layers",
        api_name="/t2i_attention",
    )
    assert Image.open(picture).size[1] > 300 and "%" in summary
    with pytest.raises(AppError, match="Type a prompt"):
        client.predict(prompt="", negative="", guidance=3, steps=8, seed=0, n=1, api_name="/t2i_sample")
