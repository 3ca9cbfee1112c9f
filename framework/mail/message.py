"""Building RFC 5322 messages with the standard library's ``email`` package.

The messages use ``email.policy.SMTP``: CRLF line ends, non-ASCII header
text encoded as RFC 2047 words, bodies in UTF-8 (quoted-printable or
base64 as the content asks), attachments named with RFC 2231 when their
name is not ASCII.
"""
import email.policy
import email.utils
import mimetypes
import random
import socket
import time
from email.message import EmailMessage

#: headers build_message sets itself; extra headers may not replace them
_STRUCTURAL = {'content-type', 'content-transfer-encoding', 'mime-version', 'bcc'}


def make_message_id(res_id=None):
    """Return a new unique Message-Id, ``<random.timestamp-openerp-RES_ID@host>``.

    The OpenERP form: the id of the record a mail is about (``private``
    without one) sits in the right-hand part, where replies quote it back.
    """
    rnd = ('%.15f' % random.SystemRandom().random())[2:]
    return '<%s.%.15f-openerp-%s@%s>' % (rnd, time.time(), res_id or 'private', socket.gethostname())


def split_addresses(text):
    """Return the ``Name <addr>`` entries of a comma-separated address list (str, list or False).

    Raises ``ValueError`` naming the list when an entry is not an address
    (no ``@``): a mail must not silently lose a recipient.
    """
    if not text:
        return []
    values = [text] if isinstance(text, str) else list(text)
    entries = []
    for name, address in email.utils.getaddresses(values):
        if not address:
            continue
        if '@' not in address:
            raise ValueError('%r is not a list of email addresses (%r has no @).'
                             % (', '.join(values), address))
        entries.append(email.utils.formataddr((name, address)))
    return entries


def envelope_recipients(message):
    """Return the bare addresses of a message's To, Cc and Bcc headers, each once."""
    seen = []
    for header in ('To', 'Cc', 'Bcc'):
        for _name, address in email.utils.getaddresses([str(v) for v in message.get_all(header, [])]):
            if address and address not in seen:
                seen.append(address)
    return seen


def _attachment_parts(attachment):
    """Return ``(name, content, maintype, subtype)`` of ``(name, bytes[, mimetype])``."""
    name, content = attachment[0], attachment[1]
    mimetype = (attachment[2] if len(attachment) > 2 else None) or mimetypes.guess_type(name or '')[0]
    maintype, _sep, subtype = (mimetype or 'application/octet-stream').partition('/')
    if maintype in ('multipart', 'message'):
        # a forwarded message travels as an opaque file: it is not parsed again
        maintype, subtype = 'application', 'octet-stream'
    if isinstance(content, str):
        content = content.encode('utf-8')
    return name, bytes(content or b''), maintype, subtype or 'octet-stream'


def build_message(email_from, email_to, subject, body=None, body_html=None, email_cc=None,
                  email_bcc=None, reply_to=None, message_id=None, references=None,
                  in_reply_to=None, attachments=(), headers=None, date=None):
    """Return an :class:`EmailMessage` ready to send.

    Address arguments are strings of comma-separated addresses or lists of
    them. ``body`` is plain text, ``body_html`` HTML; with both the message
    is multipart/alternative. ``attachments`` are ``(file name, bytes)`` or
    ``(file name, bytes, mimetype)`` tuples (the type guessed from the name
    when missing). ``references`` is a space-separated list of Message-Ids;
    ``headers`` a dict of extra headers (the MIME structure headers cannot
    be replaced). A Message-Id and a Date are made when not given. Raises
    ``ValueError`` with one sentence when the message has no sender or no
    recipient, or a header value is not valid.
    """
    senders = split_addresses(email_from)
    if not senders:
        raise ValueError('The mail has no sender: give it an email_from or set --email-from.')
    msg = EmailMessage(policy=email.policy.SMTP)
    try:
        msg['From'] = senders[0]
        for header, value in (('To', email_to), ('Cc', email_cc), ('Bcc', email_bcc),
                              ('Reply-To', reply_to)):
            addresses = split_addresses(value)
            if addresses:
                msg[header] = ', '.join(addresses)
        msg['Subject'] = subject or ''
        msg['Date'] = date or email.utils.formatdate(localtime=False)
        msg['Message-Id'] = message_id or make_message_id()
        if in_reply_to:
            msg['In-Reply-To'] = in_reply_to
        if references:
            msg['References'] = ' '.join(references.split())
        for name, value in (headers or {}).items():
            if name.lower() in _STRUCTURAL:
                continue
            del msg[name]
            msg[name] = str(value)
    except (ValueError, TypeError, IndexError) as exc:
        raise ValueError('The mail has a bad header: %s' % exc) from exc
    if not envelope_recipients(msg):
        raise ValueError('The mail has no recipient: give it an email_to, email_cc or email_bcc.')
    if body or not body_html:
        msg.set_content(body or '', subtype='plain', charset='utf-8')
        if body_html:
            msg.add_alternative(body_html, subtype='html', charset='utf-8')
    else:
        msg.set_content(body_html, subtype='html', charset='utf-8')
    for attachment in attachments or ():
        name, content, maintype, subtype = _attachment_parts(attachment)
        msg.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return msg
