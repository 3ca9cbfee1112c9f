"""Outgoing mail: RFC 5322 messages built with the standard library, sent over SMTP.

``message.build_message(...)`` makes an :class:`email.message.EmailMessage`
(UTF-8, encoded non-ASCII headers, Message-Id, Date, threading headers,
attachments); ``smtp`` connects with the configured encryption and
authentication and delivers, turning every failure into a
:class:`errors.MailDeliveryError` that says whether trying again later can
help. Nothing here touches the database: the queue is the ``mail.mail``
model of the base addon.
"""
from .errors import MailDeliveryError  # noqa: F401
from .message import (  # noqa: F401
    build_message, make_message_id, split_addresses, envelope_recipients,
)
from .smtp import SmtpSettings, SmtpSessions, connect, deliver  # noqa: F401
