"""The autoregressive family: the PixelCNNs, the image transformer and their trainers."""
