"""Guided tours: every tab has one of 3–6 steps, in English and Chinese, and every step's link opens a real
state of the app and presses a real button; ``?tab=<id>&tour=<n>`` follows step n."""

import re

import pytest

from playground import deep_links, i18n
from playground.tabs import TABS
from playground.tour import step_query, steps


@pytest.fixture(scope="module")
def site():
    from models.core.registry import configure
    from playground.ui import build_demo

    configure("cpu")
    demo = build_demo()
    return deep_links.Site.of(demo, {tab.id: tab.tour for tab in TABS if tab.tour})


@pytest.mark.parametrize("tab", TABS, ids=[t.id for t in TABS])
def test_every_tab_has_a_tour_of_three_to_six_steps_in_both_languages(tab):
    assert 3 <= len(steps(tab.tour)) <= 6, tab.id
    zh = i18n.catalog().get(tab.tour.strip())  # (gr.Markdown keeps its text stripped, and so does the table)
    assert zh and re.search(r"[\u4e00-\u9fff]", zh), f"{tab.id}: the tour has no Chinese"
    # the Chinese tour keeps the same steps and links
    assert [step_query(zh, n) for n in range(1, len(steps(zh)) + 1)] == [
        step_query(tab.tour, n) for n in range(1, len(steps(tab.tour)) + 1)
    ]


@pytest.mark.parametrize("tab", TABS, ids=[t.id for t in TABS])
def test_every_tour_step_opens_a_real_state_and_presses_a_real_button(site, tab):
    for n in range(1, len(steps(tab.tour)) + 1):
        query = step_query(tab.tour, n)
        selected, values, problems, followed = deep_links.apply_link(site, query)
        assert not problems, f"{tab.id} step {n}: {problems}"
        assert site.path(query["tab"])[0] == tab.id, f"{tab.id} step {n} opens another tab"
        assert query.get("run") in site.buttons, f"{tab.id} step {n} presses no button"


def test_a_tour_link_follows_its_step_and_keeps_the_links_own_values(site):
    tab = next(t for t in TABS if t.id == "ar")
    step = step_query(tab.tour, 2)
    selected, values, problems, followed = deep_links.apply_link(site, {"tab": "ar", "tour": "2", "lecture": "1"})
    assert not problems and followed["run"] == step["run"] and followed["lecture"] == "1"
    assert step["tab"] in selected.values() and "ar" in selected.values()
    for bad in ("0", "99", "two"):
        *_, problems, _ = deep_links.apply_link(site, {"tab": "ar", "tour": bad})
        assert problems and "tour" in problems[0]
    *_, problems, _ = deep_links.apply_link(site, {"tab": "nowhere", "tour": "1"})
    assert problems


def test_a_tour_link_names_the_figure_its_step_is_about_for_the_page_to_scroll_to(site):
    figures = {tab.id: tab.step_figures() for tab in TABS}
    vae = next(t for t in TABS if t.id == "vae")
    assert deep_links.step_figure(site, figures, {"tab": "vae", "tour": "4", "lecture": "1"}, []) == "#vae-strip"
    assert vae.step_figure(1) == vae.main.figure  # a step about the sub-tab it opens: that view's figure
    assert deep_links.step_figure(site, figures, {"tab": "vae"}, []) == ""  # not a tour link
    assert deep_links.step_figure(site, figures, {"tab": "vae", "tour": "99"}, ["tour=99: ..."]) == ""


def test_a_link_waits_to_press_only_a_button_that_reads_what_its_controls_change(site):
    """Train reads the knobs that a preset's change event sets, so a link setting the preset waits for it; the
    preset's recorded run reads only the preset, so its link presses at once (and a link setting no control too)."""
    preset = {"gan-preset": "fix: R1 penalty + rate drop"}
    assert site.press_waits(preset, "gan-train")
    assert not site.press_waits(preset, "gan-recorded")
    assert deep_links.pauses(preset, site.press_waits(preset, "gan-recorded")) == "0,0"
    assert deep_links.pauses(preset, True) == f"0,{deep_links.PRESS_MS}"
    assert deep_links.pauses({}, True) == "0,0"
