"""The autoregressive tab: two PixelCNNs and an image transformer drawing digits pixel by pixel,
completions, receptive fields, exact likelihoods and what 784 sequential network calls cost."""

from playground.tab import Tab, View
from playground.tabs.ar import texts  # noqa: F401 - declares the tab's texts
from playground.tabs.ar.ui import TOUR


def build(demo, course=()) -> None:
    from models.autoregressive.pixelcnn import RECOMMENDED_GUIDANCE, RECOMMENDED_TEMPERATURE
    from playground.gpu import gpu_task
    from playground.tabs.ar import handlers as ar
    from playground.tabs.ar.ui import ARCallables, build_ar_tab

    build_ar_tab(
        ARCallables(
            models=tuple(ar.MODELS),
            classes=ar.CLASSES,
            sources=ar.SOURCES,
            temperature=RECOMMENDED_TEMPERATURE,
            guidance=RECOMMENDED_GUIDANCE,
            ar_sample=gpu_task(ar.ar_sample),
            ar_replay=ar.ar_replay,
            ar_complete=gpu_task(ar.ar_complete),
            ar_receptive_field=gpu_task(ar.ar_receptive_field),
            ar_likelihood=gpu_task(ar.ar_likelihood),
            ar_cost=gpu_task(ar.ar_cost),
            colour_bar=ar.colour_bar,
            masks_picture=ar.masks_picture,
        ),
        demo,
    )


# the cost view times a VAE decode and a GAN pass beside the autoregressive models
NEEDS = ("pixelcnn_gated", "pixelcnn_plain", "transformer_ar", "evaluator", "vae16", "dcgan_stable")
TAB = Tab(
    "ar",
    "PixelCNN",
    needs=NEEDS,
    build=build,
    tour=TOUR,
    summary="one pixel at a time; an exact likelihood, 784 network calls a digit.",
    main=View("#ar-digits", "#ar-run"),
    sub_tabs={
        "ar-complete": View("#ar-completions", "#ar-complete-run"),
        "ar-field": View("#ar-field-plain", "#ar-field-run"),
        "ar-likelihood": View("#ar-lik-maps", "#ar-lik-run"),
        "ar-cost": View("#ar-cost-table", "#ar-cost-run"),
    },
    tour_check=(4, "#ar-lik-table"),
    lecture_link=("&ar-n=4&run=ar-run", "#ar-status"),
)
