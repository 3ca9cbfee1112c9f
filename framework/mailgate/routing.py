"""Where a reply belongs, read from its headers: the clues, most reliable first.

Pure functions over the parsed message dict; the database look-ups that
turn clues into records live in ``mail.thread._message_route``.
"""
import re

#: OpenERP 5.0 ``email_send(..., tinycrm=<case id>)``: ``<time-tinycrm-ID@host>``
TINYCRM_REFERENCE = re.compile(r'<[^<>]*-tinycrm-(\d+)@[^<>]*>')
#: OpenERP 6.x ``<time-openerp-ID-model@host>``
OPENERP_REFERENCE = re.compile(r'<[^<>]*-openerp-(\d+)-([\w.]+)@[^<>]*>')
#: the 5.0 subject tag ``[ID]``
SUBJECT_TAG = re.compile(r'\[(\d+)\]')


def reply_ids(msg):
    """Return the Message-Ids the message answers, the closest first (In-Reply-To, then References backwards)."""
    ids = []
    for message_id in [msg.get('in_reply_to')] + list(reversed(msg.get('references') or [])):
        if message_id and message_id not in ids:
            ids.append(message_id)
    return ids


def reference_tags(msg):
    """Return ``(res_id, model or None)`` pairs encoded in the answered Message-Ids, closest first.

    ``-tinycrm-ID@`` carries no model (it is the gateway's target model);
    ``-openerp-ID-model@`` names it.
    """
    tags = []
    for message_id in reply_ids(msg):
        match = OPENERP_REFERENCE.search(message_id)
        if match:
            tags.append((int(match.group(1)), match.group(2)))
            continue
        match = TINYCRM_REFERENCE.search(message_id)
        if match:
            tags.append((int(match.group(1)), None))
    return tags


def subject_tag(subject):
    """Return the record id of the first ``[ID]`` tag in ``subject``, or None."""
    match = SUBJECT_TAG.search(subject or '')
    return int(match.group(1)) if match else None
