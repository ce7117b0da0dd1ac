// placeholder; replaced by the ImageChecks implementation
