// placeholder; replaced by the SBOMFormats implementation
