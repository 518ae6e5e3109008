"""The fast samplers' one code path: ``fast_samples`` is ``fast_samples_progressive`` run to its end, and
gives the digits the teacher's ``diffusion_samples`` and the student's ``student_samples`` give for a
seed, batches and all; a record a step (Heun's of 2 evaluations is one), whose x̂₀ at the last step is the
result (also on Euler's and Heun's σ-space)."""

import pytest
import torch

from models.core.registry import default_registry
from models.diffusion.distill.consistency import student_samples
from models.diffusion.fast_samplers import (
    FAST_SAMPLERS,
    STUDENT,
    fast_samples,
    fast_samples_progressive,
    fast_steps,
    make_fast_scheduler,
    steps_for,
)
from models.diffusion.model import to_digit_space
from models.diffusion.samplers import diffusion_samples

LABELS = torch.tensor([3, 7, 1])
NFE = 3  # Heun: 2 steps (3 evaluations)


def drained(run):
    records = []
    while True:
        try:
            records.append(next(run))
        except StopIteration as end:
            return records, end.value


@pytest.mark.parametrize("name", [*FAST_SAMPLERS, STUDENT])
def test_the_plain_sampler_is_the_progressive_one_drained(name):
    net = default_registry().load("student" if name == STUDENT else "diffusion")
    with torch.inference_mode():
        if name == STUDENT:
            before = student_samples(net, LABELS, NFE, 5, batch=2)
        else:
            make = lambda: make_fast_scheduler(name, net.scheduler_config())  # noqa: E731
            before = diffusion_samples(net, LABELS, 2.0, name, steps_for(name, NFE), 5, 2, make=make)
    records, x = drained(fast_samples_progressive(net, name, LABELS, NFE, 5, batch=2))
    assert torch.equal(x, before) and torch.equal(fast_samples(net, name, LABELS, NFE, 5, batch=2), before)
    steps = fast_steps(net, name, NFE)
    assert steps == (2 if name.startswith("Heun") else NFE)
    assert [r.index for r in records] == [*range(steps)] * 2 and {r.steps for r in records} == {steps}  # 2 batches
    last = [r for r in records if r.index == steps - 1]
    for r, xb in zip(last, (x[:2], x[2:]), strict=True):
        assert r.x0_hat.shape == (len(xb), 1, 32, 32)
        assert torch.allclose(to_digit_space(r.x0_hat.float().cpu()), xb, atol=1e-5)
