"""Addons shipped with the framework; each sub-package is one installable module."""
