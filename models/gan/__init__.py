"""The GAN family: the digits DCGAN and the 2-D toy GAN with its runs and recordings."""
