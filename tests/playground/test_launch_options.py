"""The page-wide launch options: Gradio can launch with them as a user runs it (analytics on, the default), and
the page declares the app's font for Chinese before anything renders."""

from gradio import utils

from playground.ui import CJK_FONT, launch_options


def test_gradio_can_compare_the_theme_with_its_built_in_themes():
    # ``launch`` does this when analytics are on (the default for ``python app.py``): a font list Gradio does not
    # know (strings beside Font objects) made it raise AttributeError and the app never started.
    theme = launch_options()["theme"].to_dict()
    compared = [theme == built_in.to_dict() for built_in in utils.BUILT_IN_THEMES.values()]
    assert len(compared) == len(utils.BUILT_IN_THEMES)


def test_the_head_declares_and_preloads_the_font_the_page_falls_back_to():
    head = launch_options()["head"]
    assert "@font-face" in head and 'rel="preload"' in head and f'"{CJK_FONT}"' in head and "--font:" in head
