"""The VAE latent-space tab: sliders, the latent map, interpolation, encoding a drawing."""

from playground.tab import Tab, View
from playground.tabs.vae import texts  # noqa: F401 - declares the tab's texts
from playground.tabs.vae.ui import TOUR


def build(demo, course=()) -> None:
    from playground.gpu import gpu_task
    from playground.tabs.vae import encode, interpolate
    from playground.tabs.vae import handlers as vae
    from playground.tabs.vae.encode_ui import EncodeCallables
    from playground.tabs.vae.interpolate_ui import InterpolationCallables
    from playground.tabs.vae.ui import VAECallables, build_vae_tab

    build_vae_tab(
        demo,
        VAECallables(
            models=vae.VAE_MODELS,
            max_latent=vae.MAX_LATENT,
            projection_choices=vae.projection_choices,
            all_projections=vae.PROJECTIONS_2D + vae.PROJECTIONS_HD,
            model_card=vae.model_card,
            initial=vae.initial_state,  # called while building the page, outside any request
            change_model=gpu_task(vae.change_model),
            decode_sliders=gpu_task(vae.decode_sliders),
            vae_decode=gpu_task(vae.vae_decode),
            sync_sliders=vae.sync_sliders,
            random_sample=gpu_task(vae.random_sample),
            sample_caption=vae.sample_caption,
            select_on_map=gpu_task(vae.select_on_map),
            interpolation=InterpolationCallables(
                test_digit=gpu_task(interpolate.test_digit),
                vae_interpolate=gpu_task(interpolate.vae_interpolate),
                interpolation_caption=interpolate.interpolation_caption,
                endpoint_b_controls=interpolate.endpoint_b_controls,
            ),
            encoding=EncodeCallables(
                check_drawing=encode.check_drawing,
                vae_encode=gpu_task(encode.vae_encode),
                show_drawing_encoding=encode.show_drawing_encoding,
            ),
        ),
        default_model="vae2",
    )


TAB = Tab(
    "vae",
    "VAE",
    needs=("vae2", "vae16", "vae16_beta4", "evaluator"),
    build=build,
    tour=TOUR,
    summary="latent space: an encoder, a decoder and the ELBO; the latent plane you can walk.",
    main=View("#vae-map", "#vae-projection"),
    tour_check=(2, "#vae-strip img"),
    lecture_link=("", "#vae-map img"),
    tour_figures={2: "#vae-strip", 4: "#vae-strip", 5: "#vae-strip"},
)
