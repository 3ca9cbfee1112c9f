"""Test addon whose data files exercise the data loaders; it has no Python models."""
