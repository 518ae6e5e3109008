"""The GAN mode-collapse tab: the live 2-D lab, and the digit DCGANs' snapshots when they ship."""

from urllib.parse import quote

from playground.tab import Tab, View
from playground.tabs.gan import texts  # noqa: F401 - declares the tab's texts
from playground.tabs.gan.ui import TOUR


def build(demo, course=()) -> None:
    import dataclasses

    from models.gan.gan2d import OBJECTIVES, GAN2DConfig
    from playground.gpu import LONG_DURATION, gpu_task
    from playground.tabs.gan import digits
    from playground.tabs.gan import handlers as gan
    from playground.tabs.gan.digits_ui import DigitGANCallables
    from playground.tabs.gan.ui import GANCallables, build_gan_tab
    from playground.tabs.gan.view import LAYERS

    build_gan_tab(
        GANCallables(
            datasets=gan.DATASETS,
            objectives=OBJECTIVES,
            layers=LAYERS,
            presets=tuple(gan.PRESETS),
            knobs=gan.KNOBS,
            defaults=dataclasses.asdict(GAN2DConfig()),
            preset_knobs=gan.preset_knobs,
            dataset_preview=gan.dataset_preview,
            gan_train=gpu_task(gan.gan_train, LONG_DURATION),
            gan_step=gpu_task(gan.gan_step),
            gan_reset=gpu_task(gan.gan_reset),
            gan_replay=gan.gan_replay,
            gan_compare=gpu_task(gan.gan_compare, LONG_DURATION),
            gan_recorded=gan.gan_recorded,
            check_recorded_preset=gan.check_recorded_preset,
            gan_compare_recorded=gan.gan_compare_recorded,
            recorded=tuple(name for name in gan.PRESETS if gan.recorded_path(name).exists()),
            digits=DigitGANCallables(tuple(digits.DIGIT_RUNS), digits.snapshot_steps, gpu_task(digits.gan_snapshot))
            if digits.available()
            else None,
        ),
        demo,
    )


R1_PRESET = quote("fix: R1 penalty + rate drop")  # the preset a slide opens (the recorded fix)

TAB = Tab(
    "gan",
    "GAN",
    needs=(),  # the 2-D lab trains in the session
    build=build,
    tour=TOUR,
    summary="mode collapse: a generator against a discriminator, live; collapse and its fixes.",
    main=View("#gan-view", "#gan-train"),
    tour_check=(4, "#gan-digit-summary"),
    lecture_link=(f"&gan-preset={R1_PRESET}&run=gan-recorded", "#gan-status"),
    tour_figures={4: "#gan-digit-grid"},
)
