"""The workflow definitions of a database, read once and kept with its registry.

The engine consults activities and transitions at every step; reading them
from the database each time would cost queries on every create, write and
signal. `definitions(env)` loads every workflow with three queries and keeps
the result on the registry until `invalidate(env)` (called by the definition
models on every change, and again if that transaction rolls back). Another
worker sees a change made through the ORM after its registry is rebuilt,
which module installs and upgrades trigger.
"""
import dataclasses

_CACHE_ATTRIBUTE = '_workflow_definitions'


@dataclasses.dataclass
class Transition:
    """An edge: `act_from` -> `act_to`, on `signal` (or none), when `condition` holds."""

    id: int
    act_from: int
    act_to: int
    signal: str
    condition: str
    group_id: int

    def label(self, workflows):
        """'draft -> confirmed': the names of its activities."""
        return '%s -> %s' % (workflows.activity(self.act_from).name,
                             workflows.activity(self.act_to).name)


@dataclasses.dataclass
class Activity:
    """A node of a workflow, with its transitions in id order."""

    id: int
    wkf_id: int
    name: str
    split_mode: str
    join_mode: str
    kind: str
    action: str
    action_id: int
    subflow_id: int
    signal_send: str
    flow_start: bool
    flow_stop: bool
    out_transitions: list = dataclasses.field(default_factory=list)
    in_transitions: list = dataclasses.field(default_factory=list)

    @property
    def automatic(self):
        """Whether a transition leaves it without a signal (to retry after a write)."""
        return any(not t.signal for t in self.out_transitions)


@dataclasses.dataclass
class Workflow:
    """A workflow of model `osv` and its activities by id."""

    id: int
    name: str
    osv: str
    on_create: bool
    activities: dict = dataclasses.field(default_factory=dict)

    @property
    def start_activities(self):
        return [a for a in self.activities.values() if a.flow_start]


class Definitions:
    """Every workflow of a database, by id, by model, and every activity by id."""

    def __init__(self, workflows):
        self.workflows = {w.id: w for w in workflows}
        self.activities = {a.id: a for w in workflows for a in w.activities.values()}
        self.by_model = {}
        for workflow in workflows:
            self.by_model.setdefault(workflow.osv, []).append(workflow)

    def activity(self, act_id):
        return self.activities[act_id]

    def for_model(self, model_name):
        """The workflows of `model_name` (an empty list for most models)."""
        return self.by_model.get(model_name, ())

    def on_create(self, model_name):
        """The workflows started for every new record of `model_name`."""
        return [w for w in self.for_model(model_name) if w.on_create]

    def automatic_activities(self, model_name):
        """Ids of the activities of `model_name`'s workflows left by a signal-less transition."""
        return [a.id for w in self.for_model(model_name) for a in w.activities.values() if a.automatic]


_EMPTY = Definitions([])


def definitions(env):
    """The `Definitions` of `env`'s database, loaded on first use (three queries)."""
    registry = env.registry
    cached = getattr(registry, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if 'workflow.transition' not in registry or not _tables_exist(env):
        return _EMPTY           # base is being installed: no workflow yet
    cached = _load(env.cr)
    setattr(registry, _CACHE_ATTRIBUTE, cached)
    return cached


def invalidate(env):
    """Forget the cached definitions now, and again if the transaction rolls back."""
    registry = env.registry

    def forget():
        setattr(registry, _CACHE_ATTRIBUTE, None)
    forget()
    env.cr.postrollback.add(forget)


def _tables_exist(env):
    env.cr.execute("SELECT to_regclass('workflow_transition') IS NOT NULL")
    return env.cr.fetchone()[0]


def _load(cr):
    cr.execute('SELECT id, name, osv, on_create FROM workflow ORDER BY id')
    workflows = {row[0]: Workflow(row[0], row[1], row[2], bool(row[3])) for row in cr.fetchall()}
    cr.execute('SELECT id, wkf_id, name, split_mode, join_mode, kind, action, action_id, subflow_id, '
               'signal_send, flow_start, flow_stop FROM workflow_activity ORDER BY id')
    activities = {}
    for row in cr.fetchall():
        activity = Activity(row[0], row[1], row[2], row[3] or 'XOR', row[4] or 'XOR', row[5] or 'dummy',
                            row[6] or '', row[7], row[8], row[9] or '', bool(row[10]), bool(row[11]))
        activities[activity.id] = activity
        workflows[activity.wkf_id].activities[activity.id] = activity
    cr.execute('SELECT id, act_from, act_to, signal, condition, group_id FROM workflow_transition ORDER BY id')
    for row in cr.fetchall():
        transition = Transition(row[0], row[1], row[2], row[3] or '', row[4] or 'True', row[5])
        activities[transition.act_from].out_transitions.append(transition)
        activities[transition.act_to].in_transitions.append(transition)
    return Definitions(list(workflows.values()))
