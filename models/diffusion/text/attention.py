"""An attention processor that records cross-attention: for every ``attn2`` (the UNet's cross-attention) call, the
weights softmax(Q Kᵀ / √d_h) (B·heads, cells, L) averaged over heads -> (B, h, w, L), the share of each latent
cell's attention that each token gets. It computes the layer's output the way diffusers' ``AttnProcessor`` does
(the weights then times V, the output projection), so the picture is unchanged by recording."""

from __future__ import annotations

import math

import torch


class CrossAttentionRecorder:
    """Install with ``install(unet)``; ``maps`` collects {layer name: (B, h, w, L)} per forward pass, and
    ``keep_batch`` says which rows of the batch to keep (the conditional half of a guided pass)."""

    def __init__(self):
        self.maps: dict[str, torch.Tensor] = {}
        self.keep_batch: slice = slice(None)

    def install(self, unet) -> None:
        from diffusers.models.attention_processor import AttnProcessor

        processors = {}
        for name in unet.attn_processors:
            processors[name] = _Recording(self, name) if name.endswith("attn2.processor") else AttnProcessor()
        unet.set_attn_processor(processors)

    def reset(self) -> None:
        self.maps = {}


class _Recording:
    def __init__(self, recorder: CrossAttentionRecorder, name: str):
        self.recorder, self.name = recorder, name.removesuffix(".processor")

    def __call__(self, attn, hidden_states, encoder_hidden_states=None, attention_mask=None, temb=None, **kwargs):
        # hidden_states (B, N, C): N = h·w latent cells (the transformer block flattened them)
        batch, cells, _ = hidden_states.shape
        query = attn.head_to_batch_dim(attn.to_q(hidden_states))
        context = hidden_states if encoder_hidden_states is None else encoder_hidden_states
        key = attn.head_to_batch_dim(attn.to_k(context))
        value = attn.head_to_batch_dim(attn.to_v(context))
        probs = attn.get_attention_scores(query, key, attention_mask)  # (B·heads, N, L), rows sum to 1
        out = attn.batch_to_head_dim(torch.bmm(probs, value))
        out = attn.to_out[1](attn.to_out[0](out))
        side = math.isqrt(cells)
        per_head = probs.view(batch, attn.heads, cells, -1).mean(1)
        self.recorder.maps[self.name] = (
            per_head[self.recorder.keep_batch].view(-1, side, side, probs.shape[-1]).float().cpu()
        )
        if attn.residual_connection:
            out = out + hidden_states
        return out / attn.rescale_output_factor
