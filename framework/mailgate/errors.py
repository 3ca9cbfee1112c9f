"""The gateway's errors: each carries one sentence for the person who sent or piped the mail."""
from framework.exceptions import UserError


class MessageParseError(ValueError):
    """The raw bytes are not a readable RFC 822 message.

    ``str(error)`` reads ``"The message cannot be read: <reason>."``.
    """

    def __init__(self, reason):
        super().__init__("The message cannot be read: %s." % reason.rstrip('.'))
        self.reason = reason


class DeliveryError(UserError):
    """A readable message could not be routed to a record; it was kept as a gateway failure.

    ``failure_id`` is the id of the ``mail.gateway.failure`` record that
    holds the raw message and the reason (None if even that could not be
    written).
    """

    def __init__(self, message, failure_id=None):
        super().__init__(message)
        self.failure_id = failure_id
