"""The autoregressive family: the PixelCNNs and their trainer."""
