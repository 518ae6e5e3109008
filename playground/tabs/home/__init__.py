"""The home tab: the course map and guided tour, the metrics lab, nearest neighbours, the measured trilemma."""

from playground.tab import Tab
from playground.tabs.home.ui import TOUR


def build(demo) -> None:
    from models.generators import GENERATORS
    from models.metrics_lab import BREAKS
    from playground.gpu import gpu_task
    from playground.tabs.home import handlers as home
    from playground.tabs.home.ui import HomeCallables, build_home_tab

    build_home_tab(
        HomeCallables(
            breaks=BREAKS,
            generators=tuple(GENERATORS),
            quality_axes=home.QUALITY_AXES,
            lab_n=home.LAB_N,
            default_amount=home.default_amount,
            metrics_lab=gpu_task(home.metrics_lab),
            nearest_neighbours=gpu_task(home.nearest_neighbours),
            trilemma=home.trilemma,
            trilemma_speed=gpu_task(home.trilemma_speed),
        )
    )


TAB = Tab("home", "Home", needs=("evaluator", "vae16", "dcgan_stable", "diffusion"),
          build=build, tour=TOUR)  # fmt: skip
