"""The text-to-image tab: a typed prompt's path into the picture through a real diffusers StableDiffusionPipeline in
miniature — tokenizer, digit-CLIP's text encoder, cross-attention per token, the negative prompt, word swaps and the
guidance trade-off (``python app.py --sd-path DIR``: the same views on a local Stable Diffusion)."""

from playground.tab import Tab, View
from playground.tabs.t2i import texts  # noqa: F401 - declares the tab's texts
from playground.tabs.t2i.prompt import NEEDS
from playground.tabs.t2i.ui import TOUR


def build(demo, course=()) -> None:
    from models.core.results import load_result
    from playground.gpu import gpu_task
    from playground.tabs.t2i import compare, handlers
    from playground.tabs.t2i.ui import T2ICallables, build_t2i_tab

    build_t2i_tab(
        T2ICallables(
            layers=handlers.layer_choices(),
            token_chips=handlers.token_chips,
            t2i_tokens=handlers.t2i_tokens,
            t2i_sample=gpu_task(handlers.t2i_sample),
            t2i_attention=gpu_task(handlers.t2i_attention),
            t2i_negative=gpu_task(compare.t2i_negative),
            t2i_swap=gpu_task(compare.t2i_swap),
            t2i_guidance=gpu_task(compare.t2i_guidance),
            t2i_tradeoff=compare.t2i_tradeoff if load_result(compare.RESULT) is not None else None,
        )
    )


TAB = Tab(
    "t2i",
    "Text to image",
    needs=NEEDS,
    build=build,
    tour=TOUR,
    summary="a typed prompt's path: tokens, text encoder, cross-attention per word, negative prompt.",
    main=View("#t2i-maps", "#t2i-run"),
    sub_tabs={
        "t2i-layers": View("#t2ia-maps", "#t2ia-run"),
        "t2i-tokenizer": View("#t2it-plot", "#t2it-run"),
        "t2i-negprompt": View("#t2in-parts", "#t2in-run"),
        "t2i-wordswap": View("#t2is-pictures", "#t2is-run"),
        "t2i-scale": View("#t2ig-plot", "#t2ig-run"),
    },
    tour_check=(1, "#t2i-status"),
    lecture_link=("&t2i-steps=25&run=t2i-run", "#t2i-status"),
)
