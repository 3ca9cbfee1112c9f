"""Addon modules: manifests, dependency order, install, upgrade, uninstall.

`loading.load_modules` is the entry point; see ``docs/internals.md``.
"""
