"""The OpenERP 5 workflow engine, working on groups of workitems.

OpenERP 5 moved one workitem at a time (``workitem.process``, ``_execute``,
``_split_test``, ``_join_test``, ``instance._update_end``). This engine
follows the same rules but handles every workitem standing in the same
activity together: their records form one recordset, state changes are one
UPDATE, new workitems one INSERT. Starting the workflow of 1,000 new records
costs the same number of queries as starting one.

The rules, as 5.0:

- a workitem arriving in an activity runs it: *dummy* completes at once,
  *function* runs the action then completes, *stopall* deletes the other
  workitems of its instance, *subflow* starts (or, with an action, finds)
  an instance of the sub-workflow and waits, running, until it completes;
  an activity with ``signal_send`` sends that signal to the instances
  waiting for this one as a subflow;
- a complete workitem leaves by its outgoing transitions: one fires when
  its signal is the one sent (or it has none), the user is in its group (if
  any) and its condition holds on the record. Split XOR: the first such
  transition (in id order); OR: all of them; AND: all transitions, or none;
- arriving in an XOR-join activity makes a new workitem there; an AND-join
  waits until a transition of every incoming branch has arrived;
- an instance whose workitems are all complete in stop activities is
  complete; the instances waiting for it as a subflow receive the signal
  ``subflow.<name of the stop activity>``.
"""
import collections

from ..exceptions import UserError
from ..security.groups import user_group_ids
from . import expressions, storage
from .definition import definitions

SUPERUSER_ID = 1
MAX_DEPTH = 200     # nested steps of one call: a loop of automatic transitions


class Engine:
    """One run of the engine for an environment (the user who signals, creates or writes)."""

    def __init__(self, env):
        self.env = env
        self.cr = env.cr
        self.defs = definitions(env)
        self.deleted = set()        # ids of workitems deleted during this run
        self.results = {}           # res_id -> first client action an activity returned
        self.depth = 0
        self._groups = None

    # ------------------------------------------------------------------
    # entry points
    # ------------------------------------------------------------------
    def create(self, records, workflows):
        """Start an instance of each of `workflows` for each of `records`; return ``{wkf_id: {res_id: inst_id}}``."""
        started = {}
        for workflow in workflows:
            instances = storage.insert_instances(self.cr, workflow.id, records._name, records.ids,
                                                 self.env.uid)
            started[workflow.id] = instances
            pairs = [(inst_id, res_id) for res_id, inst_id in instances.items()]
            items = []
            for activity in workflow.start_activities:
                items.extend(storage.insert_workitems(self.cr, activity.id, pairs))
            self.process(items)
            self.update_end(instances.values())
        return started

    def signal(self, records, signal):
        """Offer `signal` to every workitem of the records' active instances."""
        items = storage.active_workitems(self.cr, records._name, records.ids)
        self.process(items, signal)
        self.update_end({item.inst_id for item in items})

    def step(self, records):
        """Retry the signal-less transitions of the records' active instances (after a write)."""
        automatic = self.defs.automatic_activities(records._name)
        if not automatic:
            return
        items = storage.active_workitems(self.cr, records._name, records.ids, automatic)
        if items:
            self.process(items)
            self.update_end({item.inst_id for item in items})

    def validate(self, inst_ids, signal=None, force_running=False):
        """Offer `signal` to every workitem of these instances, then see whether they are complete."""
        if not inst_ids:
            return
        self.process(storage.instance_workitems(self.cr, inst_ids), signal, force_running)
        self.update_end(inst_ids)

    # ------------------------------------------------------------------
    # moving workitems
    # ------------------------------------------------------------------
    def process(self, items, signal=None, force_running=False):
        """Run the activities of the new workitems, then try to move the complete ones on."""
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                names = sorted({self._workflow(self.defs.activity(i.act_id)).name for i in items})
                raise UserError("Workflow '%s' does not stop: its automatic transitions loop."
                                % "', '".join(names))
            groups = collections.defaultdict(list)
            for item in items:
                groups[item.act_id].append(item)
            for act_id, group in groups.items():
                activity = self.defs.activity(act_id)
                group = [i for i in group if i.id not in self.deleted]
                active = [i for i in group if i.state == 'active']
                if active:
                    self._execute(activity, active)
                ready = [i for i in group if i.id not in self.deleted and
                         (i.state == 'complete' or (force_running and i.state == 'running'))]
                if ready:
                    self._split(activity, ready, signal)
        finally:
            self.depth -= 1

    def _execute(self, activity, items):
        parents = storage.parent_instances(self.cr, [i.inst_id for i in items]) \
            if activity.signal_send else []
        records = self._records(activity, items)
        if activity.kind == 'dummy':
            storage.set_state(self.cr, items, 'complete')
            self._server_action(activity, records, items)
        elif activity.kind == 'function':
            for item in items:
                item.state = 'running'
            self._action(activity, records, items)
            self._server_action(activity, records, items)
            storage.set_state(self.cr, items, 'complete')
        elif activity.kind == 'stopall':
            self.deleted |= storage.delete_other_workitems(self.cr, items)
            self._action(activity, records, items)
            storage.set_state(self.cr, items, 'complete')
        elif activity.kind == 'subflow':
            self._start_subflows(activity, records, items)
        else:
            raise UserError("Workflow '%s': activity '%s' has the unknown kind '%s'."
                            % (self._workflow(activity).name, activity.name, activity.kind))
        if parents:
            self.validate(parents, activity.signal_send, force_running=True)

    def _start_subflows(self, activity, records, items):
        workflow = self._workflow(activity)
        subflow = self.defs.workflows.get(activity.subflow_id)
        if subflow is None:
            raise UserError("Workflow '%s': activity '%s' is a subflow but names no workflow."
                            % (workflow.name, activity.name))
        storage.set_state(self.cr, items, 'running')
        if activity.action:
            where = "Workflow '%s': the action of activity '%s'" % (workflow.name, activity.name)
            targets = {}
            for record in records:
                targets[record.id] = expressions.run_action(record, activity.action, where)
            waiting = [i for i in items if targets.get(i.res_id)]
            dropped = [i for i in items if not targets.get(i.res_id)]
            storage.delete_workitems(self.cr, dropped)
            self.deleted.update(i.id for i in dropped)
            found = storage.instances_of(self.cr, subflow.id, {targets[i.res_id] for i in waiting})
            missing = [targets[i.res_id] for i in waiting if targets[i.res_id] not in found]
            if missing:
                raise UserError("Workflow '%s': activity '%s' waits for the subflow '%s' of %s,%s, "
                                "which has no instance." % (workflow.name, activity.name, subflow.name,
                                                            subflow.osv, missing[0]))
            pairs = [(i, found[targets[i.res_id]]) for i in waiting]
        else:
            if subflow.osv != records._name:
                raise UserError("Workflow '%s': activity '%s' starts the subflow '%s' of model '%s' "
                                "on a record of '%s'; give it an action returning the record."
                                % (workflow.name, activity.name, subflow.name, subflow.osv, records._name))
            started = self.create(records, [subflow])[subflow.id]
            pairs = [(i, started[i.res_id]) for i in items]
        storage.link_subflows(self.cr, pairs)
        done = storage.complete_instances(self.cr, [sub for _, sub in pairs])
        storage.set_state(self.cr, [i for i, sub in pairs if sub in done], 'complete')

    def _split(self, activity, items, signal):
        transitions = activity.out_transitions
        if not transitions:
            return
        allowed = {t.id: self._allowed(t, signal) for t in transitions}
        if not any(allowed.values()):
            return
        records = self._records(activity, items)
        by_id = {record.id: record for record in records}
        fired, moved = [], []
        for item in items:
            record = by_id[item.res_id]
            if activity.split_mode == 'AND':
                ok = all(allowed[t.id] and self._condition(activity, t, record) for t in transitions)
                chosen = list(transitions) if ok else []
            else:
                chosen = []
                for transition in transitions:
                    if allowed[transition.id] and self._condition(activity, transition, record):
                        chosen.append(transition)
                        if activity.split_mode == 'XOR':
                            break
            if chosen:
                moved.append(item)
                fired.extend((transition, item) for transition in chosen)
        if moved:
            storage.delete_workitems(self.cr, moved)
            self.deleted.update(i.id for i in moved)
            self._join(fired)

    def _join(self, fired):
        by_target = collections.defaultdict(list)
        for transition, item in fired:
            by_target[transition.act_to].append((transition, item))
        for act_to, arrivals in by_target.items():
            target = self.defs.activity(act_to)
            res_of = {item.inst_id: item.res_id for _, item in arrivals}
            incoming = [t.id for t in target.in_transitions]
            if target.join_mode == 'AND' and len(incoming) > 1:
                ready = storage.arrive_at_and_join(
                    self.cr, [(item.inst_id, t.id) for t, item in arrivals], incoming)
                pairs = [(inst, res_of[inst]) for inst in ready]
            else:
                pairs = [(item.inst_id, item.res_id) for _, item in arrivals]
            if pairs:
                self.process(storage.insert_workitems(self.cr, target.id, pairs))

    def update_end(self, inst_ids):
        """Complete the instances that reached their end; wake the instances waiting for them."""
        inst_ids = list(inst_ids)
        if not inst_ids:
            return
        stops = [a.id for a in self.defs.activities.values() if a.flow_stop]
        finished = storage.finishing_instances(self.cr, inst_ids, stops)
        if not finished:
            return
        reached = storage.stop_activities_reached(self.cr, finished)
        woken = storage.complete(self.cr, finished)
        for _item_id, parent, sub in woken:
            for act_id in reached.get(sub, ()):
                self.validate([parent], 'subflow.%s' % self.defs.activity(act_id).name)

    # ------------------------------------------------------------------
    # conditions and actions
    # ------------------------------------------------------------------
    def _allowed(self, transition, signal):
        """Whether `transition` may fire for this signal and user (its condition aside)."""
        if transition.signal and transition.signal != signal:
            return False
        if transition.group_id and not self.env.su and self.env.uid != SUPERUSER_ID:
            if self._groups is None:
                self._groups = user_group_ids(self.env, self.env.uid)
            return transition.group_id in self._groups
        return True

    def _condition(self, activity, transition, record):
        where = "Workflow '%s': the condition '%s' of transition '%s'" % (
            self._workflow(activity).name, transition.condition, transition.label(self.defs))
        return expressions.check_condition(record, transition.condition, where)

    def _action(self, activity, records, items):
        if not activity.action.strip():
            return
        where = "Workflow '%s': the action of activity '%s'" % (self._workflow(activity).name, activity.name)
        if expressions.uses_fields(records, activity.action):
            for record in records:
                self._keep_result(expressions.run_action(record, activity.action, where), record.ids)
        else:
            self._keep_result(expressions.run_action(records, activity.action, where), records.ids)

    def _server_action(self, activity, records, items):
        if not activity.action_id:
            return
        action = self.env['ir.actions.server'].browse(activity.action_id).with_context(
            active_model=records._name, active_ids=records.ids, active_id=records.ids[0])
        self._keep_result(action.run(), records.ids)

    def _keep_result(self, result, res_ids):
        if isinstance(result, dict):
            for res_id in res_ids:
                self.results.setdefault(res_id, result)

    # ------------------------------------------------------------------
    def _workflow(self, activity):
        return self.defs.workflows[activity.wkf_id]

    def _records(self, activity, items):
        model_name = self._workflow(activity).osv
        if model_name not in self.env.registry:
            raise UserError("Workflow '%s' is for the model '%s', which does not exist."
                            % (self._workflow(activity).name, model_name))
        return self.env[model_name].browse(dict.fromkeys(item.res_id for item in items))
