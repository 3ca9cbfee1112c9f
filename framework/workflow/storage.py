"""The engine's SQL on the run-time tables: instances, workitems and the AND-join bookkeeping.

Every function works on many rows at once (``unnest`` of id arrays), so
that the engine's cost grows with the number of *steps*, not of records.
The tables are those of the base addon's ``workflow.instance``,
``workflow.workitem`` and ``workflow.instance.transition_ids``
(``wkf_witm_trans``); the engine bypasses the ORM for them, as OpenERP 5
did, and `forget_cached` drops what the ORM may have cached of them.
"""
import dataclasses


@dataclasses.dataclass
class Workitem:
    """A token: in activity `act_id` of instance `inst_id`, about record `res_id`."""

    id: int
    act_id: int
    inst_id: int
    res_id: int
    state: str
    subflow_id: int = None


_ITEM_COLUMNS = 'w.id, w.act_id, w.inst_id, i.res_id, w.state, w.subflow_id'


def insert_instances(cr, wkf_id, res_type, res_ids, uid):
    """Create one active instance of `wkf_id` per record; return ``{res_id: inst_id}``."""
    cr.execute("INSERT INTO workflow_instance (wkf_id, res_type, res_id, uid, state) "
               "SELECT %s, %s, r, %s, 'active' FROM unnest(%s::int[]) AS r RETURNING res_id, id",
               (wkf_id, res_type, uid, list(res_ids)))
    return dict(cr.fetchall())


def insert_workitems(cr, act_id, instances):
    """Create an active workitem in `act_id` per ``(inst_id, res_id)`` pair; return them."""
    res_of = dict(instances)
    cr.execute("INSERT INTO workflow_workitem (act_id, inst_id, state) "
               "SELECT %s, i, 'active' FROM unnest(%s::int[]) AS i RETURNING id, inst_id",
               (act_id, [inst for inst, _ in instances]))
    return sorted((Workitem(item_id, act_id, inst_id, res_of[inst_id], 'active')
                   for item_id, inst_id in cr.fetchall()), key=lambda item: item.id)


def active_workitems(cr, res_type, res_ids, act_ids=None):
    """The workitems of the active instances of these records (only in `act_ids` if given)."""
    query = ('SELECT %s FROM workflow_instance i JOIN workflow_workitem w ON w.inst_id = i.id '
             "WHERE i.res_type = %%s AND i.res_id = ANY(%%s) AND i.state = 'active'" % _ITEM_COLUMNS)
    params = [res_type, list(res_ids)]
    if act_ids is not None:
        query += ' AND w.act_id = ANY(%s)'
        params.append(list(act_ids))
    cr.execute(query + ' ORDER BY w.id', params)
    return [Workitem(*row) for row in cr.fetchall()]


def instance_workitems(cr, inst_ids):
    """Every workitem of these instances, in creation order."""
    cr.execute('SELECT %s FROM workflow_workitem w JOIN workflow_instance i ON w.inst_id = i.id '
               'WHERE w.inst_id = ANY(%%s) ORDER BY w.id' % _ITEM_COLUMNS, (list(inst_ids),))
    return [Workitem(*row) for row in cr.fetchall()]


def set_state(cr, items, state):
    """Write `state` on these workitems (in memory too)."""
    if not items:
        return
    cr.execute('UPDATE workflow_workitem SET state = %s WHERE id = ANY(%s)',
               (state, [item.id for item in items]))
    for item in items:
        item.state = state


def delete_workitems(cr, items):
    if items:
        cr.execute('DELETE FROM workflow_workitem WHERE id = ANY(%s)', ([item.id for item in items],))


def delete_other_workitems(cr, items):
    """Delete the workitems of these items' instances except these items; return the deleted ids."""
    cr.execute('DELETE FROM workflow_workitem WHERE inst_id = ANY(%s) AND NOT id = ANY(%s) RETURNING id',
               ([item.inst_id for item in items], [item.id for item in items]))
    return {row[0] for row in cr.fetchall()}


def link_subflows(cr, pairs):
    """Record that workitem waits for sub-instance, for each ``(workitem, inst_id)`` pair."""
    if pairs:
        cr.execute('UPDATE workflow_workitem w SET subflow_id = v.sub '
                   'FROM unnest(%s::int[], %s::int[]) AS v(id, sub) WHERE w.id = v.id',
                   ([item.id for item, _ in pairs], [sub for _, sub in pairs]))
        for item, sub in pairs:
            item.subflow_id = sub


def instances_of(cr, wkf_id, res_ids):
    """``{res_id: inst_id}`` of the instances of `wkf_id` for these records (the newest wins)."""
    cr.execute('SELECT res_id, id FROM workflow_instance WHERE wkf_id = %s AND res_id = ANY(%s) ORDER BY id',
               (wkf_id, list(res_ids)))
    return dict(cr.fetchall())


def complete_instances(cr, inst_ids):
    """Among these ids, the ones already complete."""
    cr.execute("SELECT id FROM workflow_instance WHERE id = ANY(%s) AND state = 'complete'", (list(inst_ids),))
    return {row[0] for row in cr.fetchall()}


def finishing_instances(cr, inst_ids, stop_act_ids):
    """The active instances among `inst_ids` whose workitems are all complete in stop activities."""
    cr.execute("SELECT i.id FROM workflow_instance i WHERE i.id = ANY(%s) AND i.state = 'active' "
               "AND NOT EXISTS (SELECT 1 FROM workflow_workitem w WHERE w.inst_id = i.id "
               "AND (w.state <> 'complete' OR NOT w.act_id = ANY(%s))) ORDER BY i.id",
               (list(inst_ids), list(stop_act_ids)))
    return [row[0] for row in cr.fetchall()]


def complete(cr, inst_ids):
    """Mark the instances complete and the workitems waiting for them too; return those workitems' ids
    with their instance and the sub-instance they waited for."""
    cr.execute("UPDATE workflow_instance SET state = 'complete' WHERE id = ANY(%s)", (list(inst_ids),))
    cr.execute("UPDATE workflow_workitem SET state = 'complete' WHERE subflow_id = ANY(%s) "
               "RETURNING id, inst_id, subflow_id", (list(inst_ids),))
    return cr.fetchall()


def stop_activities_reached(cr, inst_ids):
    """``{inst_id: [act_id, ...]}``: where the workitems of these (finished) instances stand."""
    cr.execute('SELECT DISTINCT inst_id, act_id FROM workflow_workitem WHERE inst_id = ANY(%s) ORDER BY 1, 2',
               (list(inst_ids),))
    reached = {}
    for inst_id, act_id in cr.fetchall():
        reached.setdefault(inst_id, []).append(act_id)
    return reached


def parent_instances(cr, inst_ids):
    """The instances with a workitem waiting for one of these sub-instances."""
    cr.execute('SELECT DISTINCT inst_id FROM workflow_workitem WHERE subflow_id = ANY(%s) ORDER BY 1',
               (list(inst_ids),))
    return [row[0] for row in cr.fetchall()]


def arrive_at_and_join(cr, pairs, in_transition_ids):
    """Note each ``(inst_id, trans_id)`` arrival; return the instances in which every transition of
    `in_transition_ids` has now arrived (their arrivals are consumed)."""
    cr.execute('INSERT INTO wkf_witm_trans (inst_id, trans_id) '
               'SELECT * FROM unnest(%s::int[], %s::int[]) ON CONFLICT DO NOTHING',
               ([inst for inst, _ in pairs], [trans for _, trans in pairs]))
    cr.execute('SELECT inst_id FROM wkf_witm_trans WHERE inst_id = ANY(%s) AND trans_id = ANY(%s) '
               'GROUP BY inst_id HAVING count(DISTINCT trans_id) = %s ORDER BY inst_id',
               (list({inst for inst, _ in pairs}), list(in_transition_ids), len(set(in_transition_ids))))
    ready = [row[0] for row in cr.fetchall()]
    if ready:
        cr.execute('DELETE FROM wkf_witm_trans WHERE inst_id = ANY(%s) AND trans_id = ANY(%s)',
                   (ready, list(in_transition_ids)))
    return ready


def delete_instances(cr, res_type, res_ids):
    """Delete the instances of these records (their workitems go with them)."""
    cr.execute('DELETE FROM workflow_instance WHERE res_type = %s AND res_id = ANY(%s)',
               (res_type, list(res_ids)))


def redirect(cr, res_type, pairs):
    """For each ``(old_id, new_id)``: workitems waiting for an instance of the old record now wait
    for the active instance of the same workflow on the new record."""
    cr.execute("UPDATE workflow_workitem w SET subflow_id = new.id "
               "FROM workflow_instance old, workflow_instance new, "
               "unnest(%s::int[], %s::int[]) AS p(old_id, new_id) "
               "WHERE w.subflow_id = old.id AND old.res_type = %s AND old.res_id = p.old_id "
               "AND new.res_type = %s AND new.res_id = p.new_id AND new.wkf_id = old.wkf_id "
               "AND new.state = 'active'",
               ([old for old, _ in pairs], [new for _, new in pairs], res_type, res_type))


def forget_cached(env):
    """Drop the ORM's cached values of the run-time models (the engine wrote behind its back)."""
    cache = env.cache
    for model_name in ('workflow.instance', 'workflow.workitem'):
        if model_name in env.registry:
            for field in env.registry[model_name]._fields.values():
                cache.invalidate(field)
