"""The normalizing-flows tab: a live 2-D lab (RealNVP, Glow, spline) with its layer scrubber and
exact density, flow matching beside it, and the shipped Glow on digits when it ships."""

from playground.tab import Tab, View
from playground.tabs.flows import texts  # noqa: F401 - declares the tab's texts
from playground.tabs.flows.ui import TOUR


def build(demo, course=()) -> None:
    from models.flows.flows2d import FLOWS
    from playground.gpu import LONG_DURATION, gpu_task
    from playground.tabs.flows import digits
    from playground.tabs.flows import handlers as lab
    from playground.tabs.flows.ui import FlowCallables, FlowDigitCallables, build_flows_tab
    from playground.tabs.flows.view import LAYERS

    digit_fns = None
    if digits.available():
        from models.flows.flow_digits import RECOMMENDED_TEMPERATURE

        digit_fns = FlowDigitCallables(
            classes=digits.CLASSES,
            temperature=RECOMMENDED_TEMPERATURE,
            flow_digits=gpu_task(digits.flow_digits),
            flow_interpolate=gpu_task(digits.flow_interpolate),
            flow_reconstruct=gpu_task(digits.flow_reconstruct),
            flow_likelihood=gpu_task(digits.flow_likelihood),
        )
    build_flows_tab(
        FlowCallables(
            datasets=lab.DATASETS,
            fm_datasets=lab.FM_DATASETS,
            flows=FLOWS,
            layers=LAYERS,
            directions=lab.DIRECTIONS,
            presets=tuple(lab.PRESETS),
            preset_knobs=lab.preset_knobs,
            dataset_preview=lab.dataset_preview,
            flow_train=gpu_task(lab.flow_train, LONG_DURATION),
            flow_reset=gpu_task(lab.flow_reset),
            flow_replay=lab.flow_replay,
            flow_layers=lab.flow_layers,
            flow_density=lab.flow_density,
            flow_pick=lab.flow_pick,
            flow_matching=gpu_task(lab.flow_matching, LONG_DURATION),
            digits=digit_fns,
        ),
        demo,
    )


# the 2-D lab trains in the session; digits when they ship
TAB = Tab(
    "flows",
    "Flows",
    needs=(),
    build=build,
    tour=TOUR,
    summary="an invertible map with an exact likelihood, layer by layer.",
    main=View("#flow-view", "#flow-train"),
    sub_tabs={"flows-fm": View("#fm-paths", "#fm-train"), "flows-digits": View("#flow-samples", "#flow-sample-run")},
    tour_check=(5, "#flow-recon-table"),
    lecture_link=("&flow-steps=1000&run=flow-train", "#flow-status"),
    tour_figures={2: "#flow-layer-view", 5: "#flow-recon"},
)
