"""The workflow methods of every recordset, and the ORM's create/write/unlink hooks.

`WorkflowMixin` is a base of `BaseModel`. For a model without workflow each
hook is a dictionary lookup in the cached definitions: no query.

Writes made while the engine runs (an activity's ``write({...})``) do not
re-enter it: the records are noted and their signal-less transitions are
retried once the outer engine call is over, so that one workitem is never
moved by two nested runs.
"""
from ..orm import decorators as api
from . import storage
from .definition import definitions

_PENDING = '_workflow_pending_steps'


def _run(env, operation):
    """Run ``operation(Engine(env))``; then the steps that writes asked for meanwhile."""
    from .engine import Engine    # late: the engine needs the security layer, which needs the ORM
    transaction = env.transaction
    nested = getattr(transaction, _PENDING, None) is not None
    if not nested:
        setattr(transaction, _PENDING, {})
    try:
        engine = Engine(env)
        result = operation(engine)
        if not nested:
            pending = getattr(transaction, _PENDING)
            while pending:
                model_name, ids = pending.popitem()
                Engine(env).step(env[model_name].browse(sorted(ids)))
        return result
    finally:
        if not nested:
            setattr(transaction, _PENDING, None)
        storage.forget_cached(env)


class WorkflowMixin:
    """Workflow methods of recordsets (part of `BaseModel`): signals, instances, steps."""

    __slots__ = ()

    def signal_workflow(self, signal):
        """Send `signal` to the workflow instances of these records; return ``{id: action or False}``.

        A signal no transition accepts changes nothing. The user must be
        allowed to write the records.
        """
        if not self or not definitions(self.env).for_model(self._name):
            return {record_id: False for record_id in self._ids}
        self._check_access('write')

        def signal_all(engine):
            engine.signal(self, signal)
            return {record_id: engine.results.get(record_id, False) for record_id in self._ids}
        return _run(self.env, signal_all)

    def create_workflow(self):
        """Start an instance of each ``on_create`` workflow of the model for these records."""
        workflows = definitions(self.env).on_create(self._name)
        if self and workflows:
            _run(self.env, lambda engine: engine.create(self, workflows))
        return True

    def delete_workflow(self):
        """Delete the workflow instances of these records (with their workitems)."""
        if self and definitions(self.env).for_model(self._name):
            storage.delete_instances(self.env.cr, self._name, self._ids)
            storage.forget_cached(self.env)
        return True

    def step_workflow(self):
        """Retry the signal-less transitions of these records' instances (as after a write)."""
        if self and definitions(self.env).automatic_activities(self._name):
            _run(self.env, lambda engine: engine.step(self))
        return True

    @api.model
    def redirect_workflow(self, old_new_ids):
        """For each ``(old_id, new_id)``, make the workitems waiting for the old record's
        instance (as a subflow) wait for the new record's active instance of that workflow."""
        pairs = [(int(old), int(new)) for old, new in old_new_ids]
        if pairs and definitions(self.env).for_model(self._name):
            storage.redirect(self.env.cr, self._name, pairs)
            storage.forget_cached(self.env)
        return True

    # --- called by the ORM ---
    def _workflow_on_create(self):
        """Start the ``on_create`` workflows of the new records (the ORM's create calls it)."""
        if definitions(self.env).on_create(self._name):
            self.create_workflow()

    def _workflow_on_write(self):
        """Retry signal-less transitions after a write, at once or when the running engine is done."""
        if not definitions(self.env).automatic_activities(self._name):
            return
        pending = getattr(self.env.transaction, _PENDING, None)
        if pending is not None:
            pending.setdefault(self._name, set()).update(self._ids)
        else:
            self.step_workflow()

    def _workflow_on_unlink(self):
        """Delete the instances of records being deleted (the ORM's unlink calls it)."""
        self.delete_workflow()
