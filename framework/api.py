"""The API addons use: decorators and the environment.

``from framework import api`` gives ``api.model``, ``api.depends``,
``api.constrains``, ``api.onchange``, ``api.model_create_multi`` and
``api.Environment``.
"""
from .orm.decorators import (  # noqa: F401
    model, model_create_multi, depends, depends_context, constrains, onchange,
    ondelete, returns, autovacuum, private,
)
from .orm.environment import Environment, SUPERUSER_ID  # noqa: F401
