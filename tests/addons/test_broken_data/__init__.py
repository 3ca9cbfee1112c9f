"""Test addon with a deliberately broken data file (see data/broken.xml, line 7)."""
