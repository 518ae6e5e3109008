"""Assemble the playground's tabs into one Blocks app. Only tabs whose models ship are shown."""

from __future__ import annotations

import dataclasses

import gradio as gr

from models.compute import compute_plan
from models.data import PHOTO_NAMES
from models.diffusion2d import DATASETS_2D
from models.figures import LIMITS, PRESETS
from models.forward_process import SCHEDULES
from models.gan2d import OBJECTIVES, GAN2DConfig
from models.registry import default_registry
from models.samplers import SAMPLERS
from playground import cfg_handlers as cfg
from playground import controlnet_handlers as cn
from playground import deep_links, gan_digits, gradio_fixes, i18n
from playground import diffusion_handlers as diff
from playground import forward_handlers as fwd
from playground import gan_handlers as gan
from playground import vae_handlers as vae
from playground.cfg_tab import CFGCallables, build_cfg_tab
from playground.compute_note import footer_texts
from playground.controlnet_tab import ControlNetCallables, build_controlnet_tab
from playground.diffusion_tab import DiffusionCallables, build_diffusion_tab
from playground.gan_digits_tab import DigitGANCallables
from playground.gan_tab import GANCallables, build_gan_tab
from playground.gan_view import LAYERS
from playground.gpu import LONG_DURATION, gpu_task
from playground.input_guard import guard_inputs
from playground.settings import SETTINGS
from playground.vae_tab import VAECallables, build_vae_tab
from playground.widgets import heavy_limit

TITLE = "Generative Models Playground"

# Lecture mode: everything about 1.4x larger, pictures scaled up without blurring, for a projector.
LECTURE_CSS = """
body.lecture .gradio-container { zoom: 1.4; max-width: none !important; }
body.lecture img { image-rendering: pixelated; }
"""
LECTURE_JS = "(on) => { document.body.classList.toggle('lecture', on); }"


def launch_options() -> dict:
    """Page-wide look, given to ``launch`` (Gradio 6 takes the theme and CSS there)."""
    return {"theme": gr.themes.Soft(), "css": LECTURE_CSS, "i18n": i18n.translations()}


def vae_callables() -> VAECallables:
    return VAECallables(
        models=vae.VAE_MODELS,
        max_latent=vae.MAX_LATENT,
        projections_for=vae.projections_for,
        all_projections=vae.PROJECTIONS_2D + vae.PROJECTIONS_HD,
        model_card=vae.model_card,
        initial=vae.initial_state,  # called while building the page, outside any request
        change_model=gpu_task(vae.change_model),
        decode_sliders=gpu_task(vae.decode_sliders),
        vae_decode=gpu_task(vae.vae_decode),
        sync_sliders=vae.sync_sliders,
        random_sample=gpu_task(vae.random_sample),
        select_on_map=gpu_task(vae.select_on_map),
        test_digit=gpu_task(vae.test_digit),
        vae_interpolate=gpu_task(vae.vae_interpolate),
        vae_encode=gpu_task(vae.vae_encode),
        show_drawing_encoding=vae.show_drawing_encoding,
    )


def gan_callables() -> GANCallables:
    return GANCallables(
        datasets=gan.DATASETS,
        objectives=OBJECTIVES,
        layers=LAYERS,
        presets=tuple(gan.PRESETS),
        defaults=dataclasses.asdict(GAN2DConfig()),
        preset_knobs=gan.preset_knobs,
        dataset_preview=gan.dataset_preview,
        gan_train=gpu_task(gan.gan_train, LONG_DURATION),
        gan_step=gpu_task(gan.gan_step),
        gan_reset=gpu_task(gan.gan_reset),
        gan_replay=gan.gan_replay,
        gan_compare=gpu_task(gan.gan_compare, LONG_DURATION),
        digits=DigitGANCallables(
            tuple(gan_digits.DIGIT_RUNS), gan_digits.snapshot_steps, gpu_task(gan_digits.gan_snapshot)
        )
        if gan_digits.available()
        else None,
    )


def diffusion_callables() -> DiffusionCallables:
    return DiffusionCallables(
        sources=fwd.SOURCES,
        photos=PHOTO_NAMES,
        schedules=tuple(SCHEDULES),
        samplers=SAMPLERS,
        classes=diff.CLASSES,
        datasets_2d=DATASETS_2D,
        diffusion_forward=fwd.diffusion_forward,
        diffusion_forward_check=fwd.diffusion_forward_check,
        diffusion_reverse=gpu_task(diff.diffusion_reverse),
        diffusion_replay=diff.diffusion_replay,
        diffusion_compare=gpu_task(diff.diffusion_compare, LONG_DURATION),
        diffusion_2d=gpu_task(diff.diffusion_2d),
    )


def cfg_callables() -> CFGCallables:
    return CFGCallables(
        classes=cfg.CLASS_CHOICES,
        samplers=SAMPLERS,
        third_axes=cfg.THIRD_AXES,
        cfg_grid=gpu_task(cfg.cfg_grid, LONG_DURATION),
        cfg_mechanics=gpu_task(cfg.cfg_mechanics),
    )


def controlnet_callables() -> ControlNetCallables:
    return ControlNetCallables(
        edge_sources=cn.EDGE_SOURCES,
        photos=PHOTO_NAMES,
        preprocessors=cn.PREPROCESSORS,
        edge_classes=cn.EDGE_CLASSES,
        pose_sources=cn.POSE_SOURCES,
        pose_classes=cn.POSE_CLASSES,
        presets=tuple(PRESETS),
        angles=cn.ANGLES,
        limits=LIMITS,
        controlnet_edge=gpu_task(cn.controlnet_edge),
        controlnet_edge_preview=cn.controlnet_edge_preview,
        controlnet_pose=gpu_task(cn.controlnet_pose),
        controlnet_pose_preview=cn.controlnet_pose_preview,
        preset_angles=cn.preset_angles,
        read_keypoint_file=cn.read_keypoint_file,
    )


def compute_footer() -> gr.Markdown:
    """Where the models run and in which precision, chosen at start (``models.compute``)."""
    plan = compute_plan(default_registry().device)
    en, zh = footer_texts(plan, heavy_limit())
    i18n.add(en, zh)
    return gr.Markdown(en, elem_id="compute-footer")


def build_demo() -> gr.Blocks:
    gradio_fixes.apply()
    # Every generated file goes to Gradio's cache (no handler writes anywhere else) and is pruned there.
    with gr.Blocks(title=TITLE, delete_cache=(SETTINGS.cache_prune_every_s, SETTINGS.cache_max_age_s)) as demo:
        with gr.Row(equal_height=True):
            gr.Markdown(
                f"# {TITLE}\nSee how generative models work, on small models trained for this app. Runs "
                "offline, on CPU or GPU. Language: English or 中文 — the page follows the browser's language; change "
                "it under **Settings** at the foot of the page.",
                elem_id="app-title",
            )
            with gr.Column(scale=0, min_width=260):
                lecture = gr.Checkbox(False, label="Lecture mode (large text and pictures)", elem_id="lecture")
                link_button = gr.Button("Link to this view", size="sm", elem_id="make-link")
        link_box = gr.Textbox(
            label="Link to this view (opens this tab with these settings; add &run=<button id> to press a button)",
            elem_id="link-box", interactive=False, buttons=["copy"], visible=False, max_lines=2,
        )  # fmt: skip
        with gr.Tabs():
            with gr.Tab("VAE latent space", id="vae", elem_id="tab-vae"):
                build_vae_tab(demo, vae_callables(), default_model="vae2")
            with gr.Tab("GAN mode collapse", id="gan", elem_id="tab-gan"):
                build_gan_tab(gan_callables())
            if diff.available():
                with gr.Tab("Diffusion: forward and reverse", id="diffusion", elem_id="tab-diffusion"):
                    build_diffusion_tab(diffusion_callables())
                with gr.Tab("Classifier-free guidance grids", id="cfg", elem_id="tab-cfg"):
                    build_cfg_tab(cfg_callables())
            if cn.available():
                with gr.Tab("ControlNet: edges and pose", id="controlnet", elem_id="tab-controlnet"):
                    build_controlnet_tab(controlnet_callables())
        compute_footer()
        lecture.change(None, [lecture], None, js=LECTURE_JS, api_name="lecture_mode", api_visibility="private")
        deep_links.install(demo, lecture, link_button, link_box)
    demo.queue(max_size=SETTINGS.queue_max_size, default_concurrency_limit=SETTINGS.concurrency_limit)
    # The guard reads the English labels for its messages, so it goes first.
    return i18n.translate(guard_inputs(demo))
