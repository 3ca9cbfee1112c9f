"""The optional built-in LMTP (or SMTP) listener: an MTA delivers over the network, we call message_process.

Needs ``aiosmtpd`` (an optional dependency: ``pip install aiosmtpd``).
Each message is delivered to one model in a transaction of its own; the
reply code tells the MTA what happened: 250 delivered, 550 refused (the
message could not be read or routed; it is also kept as a gateway
failure), 451 a temporary problem (the MTA retries later).
"""
import asyncio
import logging

from framework.exceptions import UserError

_logger = logging.getLogger(__name__)


class GatewayHandler:
    """aiosmtpd handler delivering each message's raw bytes to ``model`` of ``dbname``."""

    def __init__(self, dbname, model):
        self.dbname = dbname
        self.model = model

    async def handle_DATA(self, server, session, envelope):
        """Deliver the message; answer one status line (per recipient, as LMTP wants)."""
        from .delivery import deliver_to_database
        raw = envelope.original_content or envelope.content
        loop = asyncio.get_running_loop()
        try:
            res_id = await loop.run_in_executor(None, deliver_to_database, self.dbname, self.model, raw)
        except UserError as exc:
            reason = str(exc).strip().splitlines()[0][:400] if str(exc).strip() else 'refused'
            return '550 5.6.0 %s' % reason
        except Exception:
            _logger.exception("mail gateway listener: delivery to %s failed", self.model)
            return '451 4.3.0 Temporary failure, please retry later'
        _logger.info("mail gateway listener: delivered to %s,%s", self.model, res_id)
        return '250 2.0.0 Delivered to %s,%s' % (self.model, res_id)


def make_controller(dbname, model, host='127.0.0.1', port=2525, smtp=False):
    """Return an unstarted aiosmtpd controller (``.start()``/``.stop()``) for the listener."""
    try:
        from aiosmtpd.controller import Controller
        from aiosmtpd.lmtp import LMTP
    except ImportError:
        raise UserError("The mail gateway listener needs aiosmtpd: pip install aiosmtpd.") from None
    handler = GatewayHandler(dbname, model)
    if smtp:
        return Controller(handler, hostname=host, port=port)

    class LMTPController(Controller):
        def factory(self):
            return LMTP(self.handler)
    return LMTPController(handler, hostname=host, port=port)


def serve_forever(dbname, model, host, port, smtp=False):
    """Run the listener until interrupted (Ctrl-C or SIGTERM)."""
    import threading
    controller = make_controller(dbname, model, host, port, smtp)
    controller.start()
    _logger.info("mail gateway listening for %s on %s:%s, delivering to %s",
                 'SMTP' if smtp else 'LMTP', host, port, model)
    try:
        threading.Event().wait()
    finally:
        controller.stop()
