"""Fast-sampling tab handlers called directly, on the shipped models: the shipped curve, a live
point beside the teacher, the student against DDIM, the streamed cascade, and every bad input
answered with a sentence."""

import gradio as gr
import pytest
from PIL import Image

from models.fast_samplers import FAST_SAMPLERS, STUDENT
from playground.tabs.fast import cascade, handlers
from playground.tabs.fast.view import METRICS


@pytest.mark.parametrize("metric", list(METRICS))
def test_curve_draws_every_sampler_and_the_student(metric):
    figure, table = handlers.nfe_curve(metric)
    names = {trace.name for trace in figure.data}
    assert names == {*FAST_SAMPLERS, STUDENT}
    assert table.count("\n| ") >= len(FAST_SAMPLERS) + 1 and "200 samples per point" in table


def test_a_live_point_runs_beside_the_teachers_ddim50_from_the_same_noise():
    picture, text = handlers.fast_sample("DPM-Solver++ 2", 4, "7", 0, 3)
    assert isinstance(picture, Image.Image) and picture.height > 2 * 56  # the point's row and the teacher's
    assert "DPM-Solver++ 2 at 4 network evaluations" in text and "DDIM-50" in text
    assert "Measured over 200 samples" in text  # a point of the shipped curve quotes its numbers


def test_the_student_is_recognisable_in_two_steps_and_faster_than_ddim50():
    picture, table = handlers.student_compare("all ten", 2, 0, 10)
    assert picture.height > 3 * 56
    student_row = next(line for line in table.splitlines() if line.startswith(f"| {STUDENT}"))
    assert int(student_row.split("|")[3].split("/")[0]) >= 9
    assert "faster" in table


def test_the_cascade_streams_the_upsampler_then_compares_five_ways():
    updates = list(cascade.upsample_view("3", 100, 10, 6, 0, 2))
    assert len(updates) >= 3  # the base, at least one upsampler step, the end
    base, live, rows, status = updates[-1]
    assert all(isinstance(p, Image.Image) for p in (base, live, rows))
    assert rows.height > 6 * 56  # base, condition, bicubic, transposed conv, diffusion, no augmentation
    assert "| bicubic |" in status and "| diffusion, s=100 |" in status
    assert all(not isinstance(u[2], Image.Image) for u in updates[:-1])  # the comparison arrives at the end


def test_shipped_cascade_measurements_are_shown():
    assert "digits-FID" in cascade.cascade_table() and "Measured on" in cascade.cascade_table()


BAD = [
    (handlers.nfe_curve, ("FID!",), "measure"),
    (handlers.fast_sample, ("Euler", 4, "7", 0, 4), "sampler"),
    (handlers.fast_sample, ("DDIM", 0, "7", 0, 4), "network evaluations"),
    (handlers.fast_sample, ("DDIM", 101, "7", 0, 4), "network evaluations"),
    (handlers.fast_sample, (STUDENT, 9, "7", 0, 4), "network evaluations"),
    (handlers.fast_sample, ("DDIM", 2.5, "7", 0, 4), "whole number"),
    (handlers.fast_sample, ("DDIM", 4, "11", 0, 4), "class"),
    (handlers.fast_sample, ("DDIM", 4, "7", -1, 4), "seed"),
    (handlers.fast_sample, ("DDIM", 4, "7", 0, 17), "number of samples"),
    (handlers.student_compare, ("7", "two", 0, 4), "network evaluations"),
    (handlers.student_compare, ("7", 2, 0, None), "number of samples"),
]


@pytest.mark.parametrize(("fn", "args", "what"), BAD)
def test_bad_input_is_answered_with_a_sentence(fn, args, what):
    with pytest.raises(gr.Error, match=what):
        fn(*args)


@pytest.mark.parametrize(
    ("args", "what"),
    [(("3", 351, 10, 10, 0, 2), "noise level"), (("3", -5, 10, 10, 0, 2), "noise level"),
     (("3", 100, 0, 10, 0, 2), "base steps"), (("3", 100, 10, 101, 0, 2), "upsampler steps"),
     (("3", 100, 10, 10, 0, 9), "number of samples"), (("three", 100, 10, 10, 0, 2), "class")],
)  # fmt: skip
def test_cascade_bad_input_is_answered_before_any_work(args, what):
    with pytest.raises(gr.Error, match=what):
        next(cascade.upsample_view(*args))
