"""The diffusion tab: the forward process, the reverse process step by step, DDPM vs DDIM, 2-D diffusion."""

from playground.tab import Tab, View
from playground.tabs.diffusion import texts  # noqa: F401 - declares the tab's texts
from playground.tabs.diffusion.ui import TOUR


def build(demo, course=()) -> None:
    from models.core.data import PHOTO_NAMES
    from models.diffusion.diffusion2d import DATASETS_2D
    from models.diffusion.forward_process import SCHEDULES
    from models.diffusion.samplers import SAMPLERS
    from playground import recorded
    from playground.gpu import LONG_DURATION, gpu_task
    from playground.tabs.diffusion import forward as fwd
    from playground.tabs.diffusion import handlers as diff
    from playground.tabs.diffusion.ui import DiffusionCallables, build_diffusion_tab

    build_diffusion_tab(
        DiffusionCallables(
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
            diffusion_compare_recorded=diff.diffusion_compare_recorded
            if recorded.available(diff.SAMPLERS_COMPARED)
            else None,
            diffusion_2d=gpu_task(diff.diffusion_2d),
        )
    )


TAB = Tab(
    "diffusion",
    "Diffusion",
    needs=("diffusion", "diffusion2d"),
    build=build,
    tour=TOUR,
    summary="noise added step by step, then removed by a network.",
    main=View("#fwd-xt", "#fwd-t"),
    sub_tabs={
        "diff-reverse": View("#rev-x0", "#rev-run"),
        "diff-compare": View("#cmp-gallery", "#cmp-run"),
        "diff-2d": View("#d2-gif", "#d2-run"),
    },
    tour_check=(1, "#fwd-check"),
    lecture_link=("&fwd-source=photo&fwd-schedule=cosine&fwd-t=350", "#fwd-caption"),
    tour_figures={1: "#fwd-check", 2: "#fwd-check"},
)
