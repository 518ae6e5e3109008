"""ControlNet: the control maps, the procedural figures, the controlled sampler and its trainer."""
