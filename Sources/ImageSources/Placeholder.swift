// placeholder; replaced by the ImageSources implementation
