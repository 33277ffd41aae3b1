"""The content files: their models, how they are read, and the rules that hold them together."""
