"""Text-to-image handlers called directly on the shipped pipeline (DDIM with few steps): the tokens as the pipeline
reads them (padding, truncation, bytes), the streamed samples and their per-token maps, the maps per step and layer,
the negative prompt taken apart, the word swap's shared noise, the guidance views, every refusal, and the --sd-path
route (a save_pretrained copy loaded from a folder named in the environment)."""

import gradio as gr
import pytest
import torch
from PIL import Image

from models.diffusion.text.tokenizer import MAX_LENGTH
from playground import progress
from playground.settings import SETTINGS
from playground.tabs.t2i import compare, handlers
from playground.tabs.t2i import prompt as P

QUICK = dict(guidance=3.0, steps=4, seed=0)


def last(gen):
    """What gradio_client's predict returns of a streaming handler: its last yield."""
    return list(gen)[-1]


def test_a_prompt_is_read_as_start_words_end_and_padding_to_the_maximum_length():
    rows = P.tokens(P.pipeline(), "a thick 7")
    assert [t.kind for t in rows] == ["special", "word", "word", "word", "special"] + ["pad"] * (MAX_LENGTH - 5)
    assert [t.text for t in rows[1:4]] == ["a", "thick", "7"]
    assert [t.slot for t in rows] == list(range(MAX_LENGTH))


def test_a_long_prompt_is_cut_at_the_maximum_length_and_its_end_token_kept():
    rows = P.tokens(P.pipeline(), " ".join(["a thick 7"] * 20))
    read = [t for t in rows if t.kind != "cut"]
    assert len(read) == MAX_LENGTH and read[-1].kind == "special" and read[-1].text == "[end]"
    assert sum(t.kind == "cut" for t in rows) == 3 * 20 - (MAX_LENGTH - 2)
    chips, _, md = handlers.t2i_tokens(" ".join(["a thick 7"] * 20))
    assert "30 tokens cut" in md and chips.count("t2i-cut") == 30


def test_an_emoji_and_another_script_fall_apart_into_bytes_and_are_named_unknown():
    rows = P.tokens(P.pipeline(), "a 7 😀")
    emoji = [t.text for t in rows if t.kind == "word"][2:]
    assert " ".join(emoji).split() == ["F0", "9F", "98", "80"]  # U+1F600 in UTF-8
    _, fig, md = handlers.t2i_tokens("a 7 😀 привет")
    assert "😀, привет" in md and fig.data[0].z.shape == (MAX_LENGTH, 128)


def test_chinese_prompts_are_split_into_the_captions_words():
    rows = P.tokens(P.pipeline(), "左上角一个很粗的7")
    assert [t.text for t in rows if t.kind == "word"] == ["左上角", "一个", "很粗", "的", "7"]
    assert P.named_digit("左上角一个很粗的七") == 7 and P.named_digit("a seven") == 7 and P.named_digit("thick") is None


def test_sampling_streams_samples_and_maps_then_reads_them(monkeypatch):
    monkeypatch.setattr(handlers, "STREAM_EVERY_S", 0.0)
    outs = list(handlers.t2i_sample("a thick 7 leaning right", "", n=3, **QUICK))
    assert len(outs) == 3 + 1  # an update per step but the last, then the result
    assert progress.tr(progress.STOP_HINT) in outs[0][2]
    samples, maps, md = outs[-1]
    assert isinstance(samples, Image.Image) and isinstance(maps, Image.Image)
    assert "reads" in md and "CLIP score" in md and "| 3 |" in md
    assert maps.width > samples.width // 2  # picture + 7 tokens + the padding's mean, for 3 samples


def test_the_attention_view_is_the_first_sample_of_the_same_seed():
    from models.diffusion.text.sampling import latent_noise

    pipe = P.pipeline()
    torch.testing.assert_close(latent_noise(pipe, 3, 5)[:1], latent_noise(pipe, 1, 5))
    picture, md = handlers.t2i_attention("a small 5 in the bottom right", "", layer=handlers.ALL_LAYERS, **QUICK)
    assert isinstance(picture, Image.Image) and "largest share" in md


def test_the_layer_choices_are_the_unets_cross_attention_layers():
    from models.diffusion.text.attention import CrossAttentionRecorder
    from models.diffusion.text.sampling import PipelineUNet

    labels, layers = zip(*handlers.layer_choices(), strict=True)
    pipe = P.pipeline()
    recorder = CrossAttentionRecorder()
    with torch.no_grad():
        PipelineUNet(pipe, recorder)(torch.zeros(1, 4, 8, 8), torch.tensor(500), torch.zeros(1, MAX_LENGTH, 128))
    recorded = sorted(recorder.maps)
    assert layers[0] == handlers.ALL_LAYERS and len(layers) == 1 + len(recorded) == 8
    assert all(any(r.startswith(layer + ".") for r in recorded) for layer in layers[1:])
    assert labels[1:] == ("↓ 8×8 (1)", "↓ 4×4 (1)", "· 4×4", "↑ 4×4 (1)", "↑ 4×4 (2)", "↑ 8×8 (1)", "↑ 8×8 (2)")
    picture, md = handlers.t2i_attention("a 3", "", layer=layers[1], **QUICK)
    assert isinstance(picture, Image.Image) and "↓ 8×8 (1)" in md


def test_a_swap_of_identical_prompts_changes_nothing_and_a_word_changes_the_stroke():
    same, md = compare.t2i_swap("a 7", "a 7", n=2, **QUICK)
    assert "0% of the pixels" in md
    _, md = compare.t2i_swap("a thin 7", "a thick 7", n=4, guidance=3.0, steps=10, seed=0)
    row = next(line for line in md.splitlines() if line.startswith("| stroke thickness"))
    thin, thick = (float(v) for v in row.strip("|").split("|")[1:])
    assert thick > thin


def test_the_negative_prompt_parts_combine_as_guidance_says():
    from models.diffusion.text.sampling import negative_parts

    p = negative_parts(P.pipeline(), "a 3", "thin", 3.0, 4, 0, 1)
    torch.testing.assert_close(p.eps["guided"], p.eps["empty"] + 3.0 * (p.eps["prompt"] - p.eps["empty"]))
    torch.testing.assert_close(
        p.eps["guided_negative"], p.eps["negative"] + 3.0 * (p.eps["prompt"] - p.eps["negative"])
    )
    same = negative_parts(P.pipeline(), "a 3", "", 1.0, 4, 0, 1)  # w = 1: the conditional prediction; "" = ∅
    torch.testing.assert_close(same.eps["guided"], same.eps["prompt"])
    torch.testing.assert_close(same.eps["negative"], same.eps["empty"])
    parts, samples, md = compare.t2i_negative("a 3", "thin", at_step=2, **QUICK)
    assert isinstance(parts, Image.Image) and 'against "thin"' in md


def test_the_guidance_views():
    grid, md = compare.t2i_guidance("a 4", "0, 3", steps=4, seed=0, n=2)
    assert md.count("\n| ") == 3  # header and the two scales
    fig, table = compare.t2i_tradeoff()
    assert len(fig.data) == 3 and table.count("\n| ") >= 4
    rows = [line for line in table.splitlines() if line.startswith("|")]
    assert len({line.count("|") for line in rows}) == 1  # header, separator and rows agree: Markdown draws a table


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: last(handlers.t2i_sample("", "", n=1, **QUICK)), "Type a prompt"),
        (lambda: last(handlers.t2i_sample("   ", "", n=1, **QUICK)), "Type a prompt"),
        (lambda: last(handlers.t2i_sample(None, "", n=1, **QUICK)), "Type a prompt"),
        (lambda: last(handlers.t2i_sample(7, "", n=1, **QUICK)), "must be text"),
        (lambda: last(handlers.t2i_sample("a 7" * 4000, "", n=1, **QUICK)), "at most 2,000"),
        (lambda: last(handlers.t2i_sample("a 7", "x" * 10_000, n=1, **QUICK)), "negative prompt has 10,000"),
        (lambda: last(handlers.t2i_sample("a 7", "", n=SETTINGS.t2i_batch_max + 1, **QUICK)), "number of samples"),
        (lambda: last(handlers.t2i_sample("a 7", "", n=1, guidance=3, steps=0, seed=0)), "steps"),
        (lambda: handlers.t2i_attention("a 7", "", layer="mid", **QUICK), "layer must be one of"),
        (lambda: compare.t2i_guidance("a 4", "0, x"), "Guidance scales"),
        (lambda: compare.t2i_negative("a 3", "", at_step=4, **QUICK), "step to inspect"),
    ],
)
def test_bad_input_is_refused_with_a_sentence(call, message):
    with pytest.raises(gr.Error, match=message):
        call()


def test_an_emoji_or_another_script_is_sampled_without_a_crash():
    for text in ("😀😀😀", "привет мир", "مرحبا", "a 7 " + "😀" * 50):
        samples, _, md = last(handlers.t2i_sample(text, "", n=1, **QUICK))
        assert isinstance(samples, Image.Image) and "no training caption" in md


def test_a_local_pipeline_folder_is_used_through_the_environment(tmp_path, monkeypatch):
    P.pipeline().save_pretrained(tmp_path / "sd")
    monkeypatch.setenv(P.SD_PATH, str(tmp_path / "sd"))
    assert handlers.layer_choices() == handlers.layer_choices(str(tmp_path / "sd"))
    samples, _, md = last(handlers.t2i_sample("a 7", "", n=1, **QUICK))
    assert isinstance(samples, Image.Image) and "reads" in md
    monkeypatch.setenv(P.SD_PATH, str(tmp_path / "missing"))
    with pytest.raises(gr.Error, match="could not be loaded from .*missing"):
        last(handlers.t2i_sample("a 7", "", n=1, **QUICK))


def test_two_runs_at_once_on_the_cached_pipeline_each_get_their_own_maps():
    """Two visitors' requests run in threads on one cached pipeline (two heavy slots on 2 cores): each run's maps are
    its own and complete, and a run without maps is not slowed into the explicit attention path."""
    import threading

    from models.diffusion.text.sampling import prompt_sampling

    results, errors = {}, []

    def run(prompt):
        try:
            results[prompt] = [
                s.attention for s in list(prompt_sampling(P.pipeline(), [prompt], 3.0, 6, 0, attention=True))
            ]
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(p,)) for p in ("a 7", "a small 3 in the top left corner")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and all(len(steps) == 6 and all(len(m) == 7 for m in steps) for steps in results.values())
