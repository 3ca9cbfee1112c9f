"""Read the waiting messages of a POP3 or IMAP mailbox, handing each to a delivery function.

A message leaves the mailbox (POP3: deleted; IMAP: flagged \\Seen) only
after ``deliver(raw)`` returned true, that is once the database keeps it
(as a record or as a gateway failure). Anything else leaves it there for
the next run.
"""
import imaplib
import logging
import poplib
import socket
import ssl

from framework.exceptions import UserError

_logger = logging.getLogger(__name__)

DEFAULT_PORTS = {('pop', False): 110, ('pop', True): 995, ('imap', False): 143, ('imap', True): 993}


class FetchError(UserError):
    """The mailbox could not be reached or refused the login; the sentence names the server."""


def fetch_messages(server_type, host, port, is_ssl, user, password, deliver, timeout=60, limit=50):
    """Hand up to ``limit`` waiting messages to ``deliver(raw_bytes) -> bool``; return ``(done, kept)``.

    ``done`` counts messages removed from the mailbox, ``kept`` those left
    there because ``deliver`` returned false or raised (logged).
    Raises :class:`FetchError` when the server cannot be reached or refuses the login.
    """
    port = port or DEFAULT_PORTS[(server_type, bool(is_ssl))]
    where = '%s server %s:%s' % ('POP3' if server_type == 'pop' else 'IMAP', host, port)
    try:
        if server_type == 'pop':
            return _fetch_pop(host, port, is_ssl, user, password, deliver, timeout, limit)
        if server_type == 'imap':
            return _fetch_imap(host, port, is_ssl, user, password, deliver, timeout, limit)
    except (OSError, ssl.SSLError, socket.timeout) as exc:
        raise FetchError("Cannot read mail from the %s: %s." % (where, exc)) from None
    except (poplib.error_proto, imaplib.IMAP4.error) as exc:
        message = exc.args[0] if exc.args else exc
        if isinstance(message, bytes):
            message = message.decode('utf-8', 'replace')
        raise FetchError("The %s refused the mailbox %s: %s." % (where, user, message)) from None
    raise FetchError("Unknown mail server type %r: use 'pop' or 'imap'." % server_type)


def _hand_over(deliver, raw, what):
    try:
        return bool(deliver(raw))
    except Exception:
        _logger.exception("fetchmail: %s could not be delivered; it stays in the mailbox", what)
        return False


def _fetch_pop(host, port, is_ssl, user, password, deliver, timeout, limit):
    cls = poplib.POP3_SSL if is_ssl else poplib.POP3
    mailbox = cls(host, port, timeout=timeout)
    done = kept = 0
    try:
        mailbox.user(user)
        mailbox.pass_(password)
        count, _size = mailbox.stat()
        for number in range(1, min(count, limit) + 1):
            _response, lines, _octets = mailbox.retr(number)
            if _hand_over(deliver, b'\r\n'.join(lines) + b'\r\n', 'POP3 message %d' % number):
                mailbox.dele(number)
                done += 1
            else:
                kept += 1
        mailbox.quit()  # deletions happen at QUIT only
    except BaseException:
        mailbox.close()
        raise
    return done, kept


def _fetch_imap(host, port, is_ssl, user, password, deliver, timeout, limit):
    mailbox = (imaplib.IMAP4_SSL if is_ssl else imaplib.IMAP4)(host, port, timeout=timeout)
    done = kept = 0
    try:
        mailbox.login(user, password)
        mailbox.select('INBOX')
        _status, data = mailbox.search(None, '(UNSEEN)')
        for number in (data[0] or b'').split()[:limit]:
            _status, parts = mailbox.fetch(number, '(RFC822)')
            raw = next((part[1] for part in parts if isinstance(part, tuple)), b'')
            if _hand_over(deliver, raw, 'IMAP message %s' % number.decode()):
                mailbox.store(number, '+FLAGS', '\\Seen')
                done += 1
            else:
                mailbox.store(number, '-FLAGS', '\\Seen')  # FETCH marked it seen
                kept += 1
        mailbox.close()
        mailbox.logout()
    except BaseException:
        try:
            mailbox.shutdown()
        except OSError:
            pass
        raise
    return done, kept
