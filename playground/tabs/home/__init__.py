"""The home tab: the course map and guided tour, the metrics lab, nearest neighbours, the measured trilemma."""

from playground import i18n
from playground.i18n import tr
from playground.tab import Tab, View
from playground.tabs.home.texts import say
from playground.tabs.home.ui import TOUR


def course_map(course) -> str:
    """The course map in the language being spoken: a link to every other shown tab, with its summary ("" when the
    tab is served alone: nothing to link)."""
    links = [
        say("course_entry", title=tr(tab.title), id=tab.id, summary=tr(tab.summary)) for tab in course if tab.summary
    ]
    return say("course_tab_tab") + " — " + " · ".join(links) if links else ""


def build(demo, course=()) -> None:
    from models.generators import GENERATORS
    from models.measure.metrics_lab import BREAKS
    from playground.gpu import gpu_task
    from playground.tabs.home import handlers as home
    from playground.tabs.home.ui import HomeCallables, build_home_tab

    english = course_map(course)
    if english:  # a page text known once the shown tabs are
        with i18n.speaking("zh"):
            i18n.add(english, course_map(course))
    build_home_tab(
        english,
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
        ),
        demo,
    )


TAB = Tab(
    "home",
    "Home",
    needs=("evaluator", "vae16", "dcgan_stable", "diffusion"),
    build=build,
    tour=TOUR,
    main=View("#home-trilemma-plot", "#home-trilemma-run"),
    sub_tabs={
        "home-lab": View("#home-lab-neighbours", "#home-lab-run"),
        "home-nn": View("#home-nn-panel", "#home-nn-run"),
    },
    tour_check=(1, "#home-measures"),
    lecture_link=("&run=home-trilemma-run", "#home-trilemma-plot .js-plotly-plot"),
    tour_figures={1: "#home-measures", 2: "#home-measures", 4: "#home-measures"},
)
