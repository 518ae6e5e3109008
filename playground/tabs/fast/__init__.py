"""The fast-sampling tab: diffusers' samplers at 1-100 network evaluations on the shipped digits
model, the distilled few-step student, and a cascade (16 x 16 base, diffusion upsampler to 32 x 32)."""

from playground.tab import Tab, View
from playground.tabs.fast import (
    cascade,
    handlers,
    texts,  # noqa: F401 - declares the tab's texts
)
from playground.tabs.fast.ui import TOUR


def build(demo, course=()) -> None:
    from models.diffusion.cascade.model import MAX_NOISE_LEVEL
    from playground.gpu import gpu_task
    from playground.tabs.fast.ui import FastCallables, build_fast_tab
    from playground.tabs.fast.view import METRICS

    build_fast_tab(
        FastCallables(
            samplers=handlers.SAMPLERS,
            classes=handlers.CLASSES,
            metrics=tuple(METRICS),
            student=handlers.STUDENT,
            default_level=cascade.DEFAULT_LEVEL,
            max_level=MAX_NOISE_LEVEL,
            nfe_curve=handlers.nfe_curve,
            fast_sample=gpu_task(handlers.fast_sample),
            student_compare=gpu_task(handlers.student_compare),
            upsample=gpu_task(cascade.upsample_view),
            cascade_table=cascade.cascade_table,
        ),
        demo,
    )


TAB = Tab(
    "fast",
    "Fast sampling",
    needs=handlers.NEEDS + cascade.NEEDS,
    build=build,
    tour=TOUR,
    summary="the same model in fewer calls — better solvers, a distilled student, a cascade.",
    main=View("#fast-plot", "#fast-curve-run"),
    sub_tabs={
        "fast-student": View("#student-picture", "#student-run"),
        "fast-cascade": View("#cascade-rows", "#cascade-run"),
    },
    tour_check=(3, "#student-table"),
    lecture_link=("", "#fast-plot .js-plotly-plot"),
    tour_figures={2: "#fast-picture"},
)
