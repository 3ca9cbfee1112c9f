"""The one exception of outgoing mail, and how SMTP failures map onto it."""
import smtplib
import socket
import ssl


class MailDeliveryError(Exception):
    """A message could not be delivered.

    ``temporary`` is true when trying again later may succeed (server down,
    connection lost, 4xx replies); false when the message itself is refused
    (5xx replies, no sender, no recipients). ``refused`` maps each refused
    recipient to the server's ``(code, reason)``, when the server named them.
    """

    def __init__(self, message, temporary=False, refused=None):
        super().__init__(message)
        self.temporary = temporary
        self.refused = dict(refused or {})


def _text(reply):
    return reply.decode('utf-8', 'replace') if isinstance(reply, bytes) else str(reply)


def describe_refused(refused):
    """Return ``{address: (code, reason)}`` as one line: ``a@x: 550 no such user; ...``."""
    return '; '.join('%s: %s %s' % (address, code, _text(reason))
                     for address, (code, reason) in sorted(refused.items()))


def from_smtp_exception(exc, server):
    """Return the :class:`MailDeliveryError` for an exception raised while talking to ``server``.

    Only the server's reply codes decide what is permanent: a 5xx reply
    refuses the message, anything else (4xx, a lost or refused connection,
    a TLS or authentication problem) is worth trying again later.
    """
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        permanent = any(code >= 500 for code, _reason in exc.recipients.values())
        return MailDeliveryError('The server %s refused every recipient: %s'
                                 % (server, describe_refused(exc.recipients)),
                                 temporary=not permanent, refused=exc.recipients)
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return MailDeliveryError('The server %s refused the sender %s: %s %s'
                                 % (server, exc.sender, exc.smtp_code, _text(exc.smtp_error)),
                                 temporary=exc.smtp_code < 500)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return MailDeliveryError('The server %s refused the login: %s %s; check the SMTP user '
                                 'and password' % (server, exc.smtp_code, _text(exc.smtp_error)),
                                 temporary=True)
    if isinstance(exc, smtplib.SMTPResponseException):
        return MailDeliveryError('The server %s refused the message: %s %s'
                                 % (server, exc.smtp_code, _text(exc.smtp_error)),
                                 temporary=exc.smtp_code < 500)
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return MailDeliveryError('The server %s cannot take this message: %s' % (server, exc))
    if isinstance(exc, (smtplib.SMTPException, OSError, socket.timeout, ssl.SSLError)):
        # 'Connection refused', not '[Errno 111] Connection refused': the reason is kept on the mail
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return MailDeliveryError('Cannot reach the mail server %s: %s'
                                 % (server, reason or type(exc).__name__), temporary=True)
    return None
