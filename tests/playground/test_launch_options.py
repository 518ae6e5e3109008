"""The page-wide launch options: Gradio can launch with them as a user runs it (analytics on, the default), and
the page declares the app's font for Chinese before anything renders."""

from gradio import utils

from playground.ui import CJK_FONT, launch_options


def test_gradio_finds_the_theme_custom_when_it_launches():
    # ``launch`` compares the theme with each built-in one when analytics are on (the default for ``python app.py``),
    # as below: a font list Gradio did not know (strings beside Font objects) made that raise AttributeError and the
    # app never started. The comparison must run and tell the app's theme from every built-in one.
    theme = launch_options()["theme"].to_dict()
    assert utils.BUILT_IN_THEMES and not any(theme == built_in.to_dict() for built_in in utils.BUILT_IN_THEMES.values())


def test_the_head_declares_and_preloads_the_font_the_page_falls_back_to():
    head = launch_options()["head"]
    assert "@font-face" in head and 'rel="preload"' in head and f'"{CJK_FONT}"' in head and "--font:" in head
