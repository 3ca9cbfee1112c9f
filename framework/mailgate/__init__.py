"""The incoming mail gateway: raw RFC 822 messages in, records of a ``mail.thread`` model out.

- :func:`parse_message` turns bytes into the dict the model hooks read
  (``parser.py``), with :func:`html_to_text` and the header helpers.
- :mod:`~framework.mailgate.routing` finds the thread a reply belongs to.
- :mod:`~framework.mailgate.delivery` hands a message to a database, over
  XML-RPC or directly (``odoo-bin mailgate``, the fetch job, the LMTP
  listener all go through it).
- :mod:`~framework.mailgate.fetch` reads IMAP and POP3 mailboxes.
- :mod:`~framework.mailgate.lmtp` is the optional LMTP/SMTP listener.

The model side is ``mail.thread`` in the base addon
(``addons/base/models/mail_thread.py``).
"""
from .errors import DeliveryError, MessageParseError  # noqa: F401
from .headers import decode_header, email_addresses, message_ids  # noqa: F401
from .html_text import html_to_text  # noqa: F401
from .parser import parse_message  # noqa: F401
