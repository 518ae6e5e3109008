"""Fast-sampling tab handlers called directly, on the shipped models: the shipped curve, a live
point beside the teacher and the student against DDIM (both streamed, with Stop's message), the
streamed cascade, and every bad input answered with a sentence."""

import inspect

import gradio as gr
import pytest
from PIL import Image

from models.diffusion.fast_samplers import FAST_SAMPLERS, STUDENT
from playground import progress
from playground.tabs.fast import cascade, handlers
from playground.tabs.fast.view import METRICS
from tests.fixtures import tab_demo


@pytest.mark.parametrize("metric", list(METRICS))
def test_curve_draws_every_sampler_and_the_student(metric):
    figure, table = handlers.nfe_curve(metric)
    names = {trace.name for trace in figure.data}
    assert names == {*FAST_SAMPLERS, STUDENT}
    assert table.count("\n| ") >= len(FAST_SAMPLERS) + 1 and "200 samples per point" in table


def test_a_live_point_streams_beside_the_teachers_ddim50_from_the_same_noise(monkeypatch):
    """The point's row, then the teacher's, under one count of steps (every step here: ``EVERY_S`` = 0): each
    update the rows finished and the running row's x̂₀, the steps done and the time left; the last the result."""
    monkeypatch.setattr(progress, "EVERY_S", 0.0)
    updates = list(handlers.fast_sample("DPM-Solver++ 2", 4, "7", 0, 3))
    shown, (picture, text) = updates[:-1], updates[-1]
    assert len(shown) == 4 + 50 - 1  # steps 1-53 of 54; the last step's is the result
    first, later = shown[1], shown[10]
    assert "DPM-Solver++ 2 in 4 steps" in first[1] and "step 2 of 54" in first[1] and "s left" in first[1]
    assert "Stop" in first[1] and "Stopped" in progress.stopped(first[1])
    assert first[0].height < 2 * 56 < later[0].height  # the teacher's row joins when its run starts
    assert "DDIM-50" not in first[1]  # what the screenshot script waits for: said by the result only
    assert isinstance(picture, Image.Image) and picture.height > 2 * 56  # the point's row and the teacher's
    assert "DPM-Solver++ 2 at 4 network evaluations" in text and "DDIM-50" in text
    assert "Measured over 200 samples" in text  # a point of the shipped curve quotes its numbers
    assert progress.stopped(text) is not None and "Stopped" not in str(progress.stopped(text))


def test_heun_counts_its_steps_of_two_evaluations(monkeypatch):
    monkeypatch.setattr(progress, "EVERY_S", 0.0)
    *shown, (_, text) = handlers.fast_sample("Heun (Karras)", 4, "7", 0, 1)
    assert "Heun (Karras) in 2 steps" in shown[0][1] and "step 1 of 52" in shown[0][1]  # 2 steps of 3 NFE
    assert "Heun (Karras) at 3 network evaluations (the most that fit in 4)" in text


def test_the_student_is_recognisable_in_two_steps_and_faster_than_ddim50(monkeypatch):
    monkeypatch.setattr(progress, "EVERY_S", 0.0)
    *shown, (picture, table) = handlers.student_compare("all ten", 2, 0, 10)
    assert len(shown) == 2 + 2 + 50 - 1
    assert "the student in 2 steps, DDIM in 2" in shown[0][1] and "step 1 of 54" in shown[0][1]
    row = 2 * (56 + 4) + 3 * 4  # one row of 10 digits: two lines of 5 (``view.PER_LINE``)
    assert [u[0].height < 2 * row for u in shown[:3]] == [True, True, False]  # DDIM's row from step 3
    assert "faster" not in shown[-1][1]  # what the screenshot script waits for: said by the result only
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
        out = fn(*args)
        if inspect.isgenerator(out):
            next(out)  # a streaming handler refuses before its first update


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("3", 351, 10, 10, 0, 2), "noise level"),
        (("3", -5, 10, 10, 0, 2), "noise level"),
        (("3", 100, 0, 10, 0, 2), "base steps"),
        (("3", 100, 10, 101, 0, 2), "upsampler steps"),
        (("3", 100, 10, 10, 0, 9), "number of samples"),
        (("three", 100, 10, 10, 0, 2), "class"),
    ],
)
def test_cascade_bad_input_is_answered_before_any_work(args, what):
    with pytest.raises(gr.Error, match=what):
        next(cascade.upsample_view(*args))


def test_each_live_run_has_its_stop_beside_its_button():
    """Stop cancels the run (closing it within a step), then says so where the status still shows progress."""
    from playground.presenter import ACTION

    demo = tab_demo("fast")
    ids = {b.elem_id: i for i, b in demo.blocks.items() if getattr(b, "elem_id", None)}
    for api, run, stop, status in (
        ("fast_sample", "fast-run", "fast-stop", "fast-text"),
        ("student_compare", "student-run", "student-stop", "student-table"),
    ):
        event = next(k for k, fn in demo.fns.items() if fn.api_name == api)
        assert inspect.isgeneratorfunction(demo.fns[event].fn)  # streamed, so a cancel ends it
        cancelling = [fn for fn in demo.fns.values() if event in (fn.cancels or [])]
        assert [t for fn in cancelling for t in fn.targets] == [(ids[stop], "click")]
        said = next(fn for fn in demo.fns.values() if fn.api_name == f"{api}_stopped")
        assert [b._id for b in said.inputs] == [ids[status]] == [b._id for b in said.outputs]
        row = next(b for b in demo.blocks.values() if ids[run] in [c._id for c in getattr(b, "children", [])])
        assert ACTION in row.elem_classes and ids[stop] in [c._id for c in row.children]
