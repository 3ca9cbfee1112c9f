"""OpenERP 5 workflows: a record's life as activities linked by transitions.

The definitions (``workflow``, ``workflow.activity``, ``workflow.transition``)
and run-time state (``workflow.instance``, ``workflow.workitem``) are models
of the base addon; this package is the engine that moves the workitems
(`engine.Engine`), reads the definitions once per registry (`definition`),
evaluates actions and conditions on records (`expressions`), stores the
run-time rows with set-based SQL (`storage`), and gives every model the
recordset methods ``signal_workflow``, ``create_workflow``,
``delete_workflow``, ``redirect_workflow`` and ``step_workflow``
(`recordset.WorkflowMixin`), which the ORM calls on create, write and
unlink.
"""
from .recordset import WorkflowMixin

__all__ = ['WorkflowMixin']
