"""Talking to an SMTP server: settings, connections (plain, STARTTLS, SSL, login), delivery."""
import dataclasses
import smtplib
import ssl

from .errors import MailDeliveryError, describe_refused, from_smtp_exception
from .message import envelope_recipients

ENCRYPTIONS = ('none', 'starttls', 'ssl')
#: seconds to wait for the server at each step before calling it down
SMTP_TIMEOUT = 60


@dataclasses.dataclass(frozen=True)
class SmtpSettings:
    """Where and how to connect: host, port, optional login, encryption none/starttls/ssl."""

    host: str = 'localhost'
    port: int = 25
    user: str = ''
    password: str = ''
    encryption: str = 'none'
    timeout: float = SMTP_TIMEOUT

    @classmethod
    def from_config(cls, config):
        """Return the settings of the ``smtp_*`` options (``--smtp-ssl`` means STARTTLS, as Odoo)."""
        return cls(host=config.get('smtp_server') or 'localhost',
                   port=int(config.get('smtp_port') or 25),
                   user=config.get('smtp_user') or '',
                   password=config.get('smtp_password') or '',
                   encryption='starttls' if config.get('smtp_ssl') else 'none')

    def __str__(self):
        return '%s:%s' % (self.host, self.port)


def connect(settings):
    """Return a connected (and logged in) ``smtplib.SMTP`` for ``settings``.

    Raises :class:`MailDeliveryError` (temporary) when the server cannot be
    reached, the TLS handshake fails or the login is refused.
    """
    if settings.encryption not in ENCRYPTIONS:
        raise MailDeliveryError('Unknown SMTP encryption %r: use one of %s.'
                                % (settings.encryption, ', '.join(ENCRYPTIONS)))
    session = None
    try:
        if settings.encryption == 'ssl':
            session = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                       context=ssl.create_default_context())
        else:
            session = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        session.ehlo_or_helo_if_needed()
        if settings.encryption == 'starttls':
            session.starttls(context=ssl.create_default_context())
            session.ehlo()
        if settings.user:
            session.login(settings.user, settings.password or '')
        return session
    except Exception as exc:
        if session is not None:
            _close(session)
        error = from_smtp_exception(exc, settings)
        if error is None:
            raise
        error.temporary = True  # nothing about the message was refused yet
        raise error from exc


def deliver(session, message, settings=None):
    """Send ``message`` through ``session``; return ``{recipient: (code, reason)}`` refused.

    The envelope sender is the From address; the recipients are those of
    To, Cc and Bcc (Bcc is not written into the message). When some
    recipients are refused the others still receive it and the refused ones
    are returned; when all are refused, or the server refuses the message
    or the connection breaks, :class:`MailDeliveryError` is raised.
    """
    recipients = envelope_recipients(message)
    try:
        return session.send_message(message, to_addrs=recipients) or {}
    except Exception as exc:
        error = from_smtp_exception(exc, settings or 'SMTP')
        if error is None:
            raise
        raise error from exc


def _close(session):
    try:
        session.quit()
    except Exception:
        try:
            session.close()
        except Exception:
            pass


class SmtpSessions:
    """Open SMTP connections of one sending run, one per settings, reused from mail to mail.

    ``get(settings)`` connects on first use; ``discard(settings)`` drops a
    connection that failed; ``close()`` (or leaving a ``with`` block) ends
    them all. Settings that could not connect are remembered as ``down``
    so the run does not try them again for every mail.
    """

    def __init__(self):
        self._sessions = {}
        self.down = {}

    def get(self, settings):
        """Return the open connection for ``settings``, connecting if needed."""
        if settings in self.down:
            raise self.down[settings]
        if settings not in self._sessions:
            try:
                self._sessions[settings] = connect(settings)
            except MailDeliveryError as exc:
                self.down[settings] = exc
                raise
        return self._sessions[settings]

    def discard(self, settings):
        """Close and forget the connection of ``settings`` (after an error on it)."""
        session = self._sessions.pop(settings, None)
        if session is not None:
            _close(session)

    def close(self):
        """Close every connection."""
        for settings in list(self._sessions):
            self.discard(settings)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


__all__ = ['SmtpSettings', 'SmtpSessions', 'connect', 'deliver', 'describe_refused', 'ENCRYPTIONS']
