"""The digits diffusion model's structure: a diffusers UNet that a ControlNet can be made from,
class conditioning with a null class, and the pixel-space transforms."""

import torch

from models.core.data import digit_split
from models.diffusion.model import DiffusionConfig, DigitDiffusion, empty_context, to_digit_space, to_model_space
from tests.fixtures import TINY_UNET

TINY = DiffusionConfig(**TINY_UNET)


def test_pixel_space_round_trip():
    x = digit_split().x_test[:4]
    z = to_model_space(x)
    assert z.shape == (4, 1, 32, 32) and float(z.min()) == -1 and float(z[..., :2, :].max()) == -1
    torch.testing.assert_close(to_digit_space(z), x)


def test_labels_change_the_prediction_and_the_null_class_exists():
    torch.manual_seed(0)
    m = DigitDiffusion(TINY).eval()
    assert m.null_class == 10 and m.unet.class_embedding.num_embeddings == 11
    torch.nn.init.normal_(m.unet.class_embedding.weight)
    x, t = torch.randn(2, 1, 32, 32), torch.tensor(500)
    with torch.no_grad():
        a, b = m(x, t, torch.tensor([3, 3])), m(x, t, torch.tensor([3, 10]))
    torch.testing.assert_close(a[0], b[0])
    assert not torch.allclose(a[1], b[1])


def test_a_controlnet_can_be_made_from_the_unet_and_starts_as_a_no_op():
    from diffusers import ControlNetModel

    torch.manual_seed(0)
    m = DigitDiffusion(TINY).eval()
    cn = ControlNetModel.from_unet(m.unet, conditioning_embedding_out_channels=(16,), conditioning_channels=3).eval()
    assert cn.controlnet_cond_embedding.conv_in.in_channels == 3
    x, t, y = torch.randn(2, 1, 32, 32), torch.tensor([400, 400]), torch.tensor([1, 10])
    ctx = empty_context(2, x.device)
    with torch.no_grad():
        down, mid = cn(
            x, t, encoder_hidden_states=ctx, controlnet_cond=torch.rand(2, 3, 32, 32), class_labels=y, return_dict=False
        )
        base = m.unet(x, t, encoder_hidden_states=ctx, class_labels=y).sample
        steered = m.unet(
            x,
            t,
            encoder_hidden_states=ctx,
            class_labels=y,
            down_block_additional_residuals=down,
            mid_block_additional_residual=mid,
        ).sample
    assert all(float(d.abs().max()) == 0 for d in down) and float(mid.abs().max()) == 0  # zero convolutions
    torch.testing.assert_close(base, steered)


def test_digit_controlnet_from_config_has_the_same_weights_layout_and_scale_zero_is_the_base(fp32):
    from models.diffusion.control.controlnet import ControlNetConfig, DigitControlNet, controlled_model_fn
    from models.diffusion.samplers import guided_model_fn

    torch.manual_seed(0)
    base = DigitDiffusion(TINY).eval()
    cfg = ControlNetConfig(kind="pose", conditioning_channels=3, base=TINY)
    copied, fresh = DigitControlNet(cfg, base), DigitControlNet(cfg)
    assert copied.state_dict().keys() == fresh.state_dict().keys()
    fresh.load_state_dict(copied.state_dict())
    # perturb the zero convolutions so the ControlNet really acts, then check the scale knob
    for p in fresh.controlnet.controlnet_down_blocks.parameters():
        torch.nn.init.normal_(p, std=0.1)
    x, t, y = torch.randn(2, 1, 32, 32), torch.tensor(300), torch.tensor([2, 7])
    control = torch.rand(2, 3, 32, 32)
    plain = guided_model_fn(base, y, 2.0)(x, t)
    off = controlled_model_fn(base, fresh, control, y, 2.0, control_scale=0.0)(x, t)
    on = controlled_model_fn(base, fresh, control, y, 2.0, control_scale=1.0)(x, t)
    late = controlled_model_fn(base, fresh, control, y, 2.0, start=0.9)(x, t)  # not active at t=300
    torch.testing.assert_close(off, plain, rtol=1e-4, atol=1e-5)
    torch.testing.assert_close(late, plain, rtol=1e-4, atol=1e-5)
    assert not torch.allclose(on, plain, atol=1e-3)
    per_sample = controlled_model_fn(base, fresh, control, y, 2.0, control_scale=torch.tensor([0.0, 1.0]))(x, t)
    torch.testing.assert_close(per_sample[0], plain[0], rtol=1e-4, atol=1e-5)
    torch.testing.assert_close(per_sample[1], on[1], rtol=1e-4, atol=1e-5)


def test_figure_class_extension_keeps_the_digits_and_controlnet_training_runs():
    import dataclasses

    from models.diffusion.control.train_controlnet import TrainConfig, extend_with_figure_class, train_controlnet

    torch.manual_seed(0)
    digits = DigitDiffusion(TINY).eval()
    torch.nn.init.normal_(digits.unet.class_embedding.weight)
    ext = extend_with_figure_class(digits).eval()
    assert ext.null_class == 11 and ext.cfg.num_classes == 11
    x, t = torch.randn(2, 1, 32, 32), torch.tensor(500)
    with torch.no_grad():
        torch.testing.assert_close(ext(x, t, torch.tensor([3, 11])), digits(x, t, torch.tensor([3, 10])))
    cfg = TrainConfig(steps=2, batch=4, n_figures=8)
    for kind in ("edge", "pose"):
        net = train_controlnet(ext, kind, dataclasses.replace(cfg), log=lambda *_: None)
        out = net.controlnet.controlnet_cond_embedding.conv_in.in_channels
        assert out == (1 if kind == "edge" else 3)
        moved = sum(float(p.detach().abs().sum()) for p in net.controlnet.controlnet_down_blocks.parameters())
        assert moved > 0  # the zero convolutions have started to learn
