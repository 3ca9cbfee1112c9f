"""The rules' mail body template: ``%(name)s`` placeholders over a case (SPEC-crm §5.4).

Pure functions, no database: the engine gathers the values once per case
(:func:`case_values`) and renders with Python's ``%`` operator, as 5.0 did,
so ``%%`` is a literal ``%`` and ``%(case_id)d`` is a number conversion.
"""

#: every placeholder a body may use, in the order the rule form lists them
PLACEHOLDERS = ('case_id', 'case_subject', 'case_date', 'case_description', 'case_user',
                'case_user_email', 'case_user_phone', 'email_from', 'partner', 'partner_email')

#: the values of an empty case: every attribute null, as the save-time check renders it
EMPTY_CASE = dict.fromkeys(PLACEHOLDERS)


def render(body, values):
    """Return ``body`` with the placeholders replaced by ``values`` (a dict of PLACEHOLDERS).

    Raises KeyError (unknown placeholder), ValueError (lone ``%``) or
    TypeError (a conversion that does not fit the value) on a malformed body.
    """
    return body % values


def is_well_formed(body):
    """Return whether ``body`` renders against an empty case (the rule's save-time check)."""
    try:
        render(body, EMPTY_CASE)
    except (KeyError, ValueError, TypeError):
        return False
    return True


def _raw(value):
    # 5.0 put the raw browse value in: an empty date, description or sender reads "False"
    return value if value else False


def case_values(case, user=None, user_address=None, partner=None, contact=None):
    """Return the placeholder values of one case.

    ``case`` is a dict of the case's columns (id, name, date, description,
    email_from); ``user`` (name), ``user_address`` (email, phone),
    ``partner`` (name) and ``contact`` (email) are dicts or None when the
    case has none. Missing names and addresses read ``/``.
    """
    date = case.get('date')
    if date and not isinstance(date, str):
        date = date.strftime('%Y-%m-%d %H:%M:%S')
    return {
        'case_id': case['id'],
        'case_subject': case.get('name'),
        'case_date': _raw(date),
        'case_description': _raw(case.get('description')),
        'case_user': (user or {}).get('name') or '/',
        'case_user_email': (user_address or {}).get('email') or '/',
        'case_user_phone': (user_address or {}).get('phone') or '/',
        'email_from': _raw(case.get('email_from')),
        'partner': (partner or {}).get('name') or '/',
        'partner_email': (contact or {}).get('email') or '/',
    }
