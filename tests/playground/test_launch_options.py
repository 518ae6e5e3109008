"""The page-wide launch options: Gradio can launch with them as a user runs it (analytics on, the default), and
the page declares the app's font for Chinese before anything renders."""

from gradio import utils

from playground.ui import CJK_FONT, launch_options


def test_gradio_compares_the_theme_with_its_built_in_ones_when_it_launches():
    # ``launch`` compares the theme with each built-in one when analytics are on (the default for ``python app.py``),
    # as below: a font list Gradio did not know (strings beside Font objects) made that raise AttributeError and the
    # app never started. The comparison runs and finds the built-in theme the app's is made from (its fonts for
    # Chinese are declared in the head, not in the theme).
    theme = launch_options()["theme"]
    same = [name for name, built_in in utils.BUILT_IN_THEMES.items() if built_in.to_dict() == theme.to_dict()]
    assert same == [type(theme).__name__.lower()]


def test_the_head_declares_and_preloads_the_font_the_page_falls_back_to():
    head = launch_options()["head"]
    assert "@font-face" in head and 'rel="preload"' in head and f'"{CJK_FONT}"' in head and "--font:" in head
