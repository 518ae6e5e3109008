"""The classifier-free guidance tab: grids over classes x scales x seeds, the trade-off, one cell's mechanics."""

from playground.tab import Tab, View
from playground.tabs.cfg import texts  # noqa: F401 - declares the tab's texts
from playground.tabs.cfg.ui import TOUR


def build(demo, course=()) -> None:
    from models.diffusion.samplers import SAMPLERS
    from playground import recorded
    from playground.gpu import LONG_DURATION, gpu_task
    from playground.tabs.cfg import handlers as cfg
    from playground.tabs.cfg.ui import CFGCallables, build_cfg_tab

    build_cfg_tab(
        CFGCallables(
            classes=cfg.CLASS_CHOICES,
            samplers=SAMPLERS,
            third_axes=cfg.THIRD_AXES,
            cfg_grid=gpu_task(cfg.cfg_grid, LONG_DURATION),
            cfg_mechanics=gpu_task(cfg.cfg_mechanics),
            third_axis_controls=cfg.third_axis_controls,
            cfg_stopped=cfg.cfg_stopped,
            cfg_recorded=cfg.cfg_recorded if recorded.available(cfg.TRADE_OFF) else None,
            at_step_range=cfg.at_step_range,
        )
    )


TAB = Tab(
    "cfg",
    "Guidance",
    needs=("diffusion", "evaluator"),
    build=build,
    tour=TOUR,
    summary="grids: classifier-free guidance trades variety for recognisability.",
    main=View("#cfg-grid", "#cfg-run"),
    tour_check=(4, "#cfgm-md"),
    lecture_link=("&run=cfg-recorded", "#cfg-table"),
    tour_figures={2: "#cfg-plot", 4: "#cfgm-strip"},
)
