"""The sentences of access errors, as Odoo words them.

Each function returns one message for the user who was refused: what they
tried, on which kind of records, and what to do about it.
"""

#: how each operation reads in a sentence
VERBS = {'read': 'read', 'write': 'modify', 'create': 'create', 'unlink': 'delete'}

RESOLUTION = 'Contact your administrator to request access if necessary.'


def _kind(model):
    return "'%s' (%s)" % (model._description or model._name, model._name)


def access_rights_message(model, operation, group_names):
    """Refusal by access rights: names the groups that would be allowed, if any."""
    head = 'You are not allowed to %s %s records.' % (VERBS[operation], _kind(model))
    if group_names:
        groups = 'This operation is allowed for the following groups: %s.' % ', '.join(group_names)
    else:
        groups = 'No group currently allows this operation.'
    return ' '.join((head, groups, RESOLUTION))


def record_rule_message(model, operation):
    """Refusal by record rules: the records exist but a rule keeps the user away from them."""
    verb = 'access' if operation == 'read' else VERBS[operation]
    return 'Due to security restrictions, you are not allowed to %s %s records. %s' % (
        verb, _kind(model), RESOLUTION)


def field_access_message(model, operation, fields):
    """Refusal of fields restricted to groups (``groups=`` on the field)."""
    names = ', '.join("'%s' (%s)" % (field.string or field.name, field.name) for field in fields)
    what = 'fields %s, which are' % names if len(fields) > 1 else 'field %s, which is' % names
    return 'You are not allowed to %s the %s restricted to some groups, on %s records. %s' % (
        VERBS[operation], what, _kind(model), RESOLUTION)
