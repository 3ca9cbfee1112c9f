"""Incoming messages the gateway has processed: a Message-Id is delivered once.

Each row says where a received message went (model, record). The gateway
claims the Message-Id before routing, so the same message delivered twice
(an MTA retrying, two fetch jobs) lands once and the second delivery gets
the first one's record; replies whose ``In-Reply-To`` names a received
message join that message's thread.
"""
from psycopg2 import sql

from framework import api, fields, models


class MailGatewayMessage(models.Model):
    """One processed incoming message: its Message-Id and the record it was delivered to."""

    _name = 'mail.gateway.message'
    _description = 'Processed Incoming Message'
    _rec_name = 'message_id'
    _order = 'id desc'

    message_id = fields.Char('Message-Id', required=True, index=True, readonly=True)
    model = fields.Char('Model', size=64, readonly=True, help='Model the message was delivered to.')
    res_id = fields.Integer('Record ID', readonly=True, help='Record the message created or updated.')
    email_from = fields.Char('From', readonly=True)
    subject = fields.Char('Subject', readonly=True)
    date = fields.Datetime('Received', default=fields.Datetime.now, readonly=True)

    _sql_constraints = [
        ('message_id_uniq', 'unique(message_id)', 'This message has already been processed.'),
    ]

    @api.model
    def _claim(self, message_id):
        """Claim ``message_id`` for this transaction; return the new row, or an empty recordset.

        Empty means another transaction already processed (or is
        processing) the message. Under REPEATABLE READ a concurrent claim
        committed after this transaction began raises a serialization
        failure, which the service layer retries.
        """
        self.env.flush_all()
        query = sql.SQL(
            "INSERT INTO {} (message_id, date, create_uid, create_date, write_uid, write_date) "
            "VALUES (%s, now() at time zone 'UTC', %s, now() at time zone 'UTC', %s, "
            "now() at time zone 'UTC') ON CONFLICT (message_id) DO NOTHING RETURNING id"
        ).format(sql.Identifier(self._table))
        self.env.cr.execute(query, (message_id, self.env.uid, self.env.uid))
        row = self.env.cr.fetchone()
        return self.browse(row[0]) if row else self.browse()

    @api.model
    def _find(self, message_ids):
        """Return ``{message_id: (model, res_id)}`` for the delivered ones among ``message_ids``."""
        if not message_ids:
            return {}
        found = self.search_read([('message_id', 'in', list(message_ids)), ('res_id', '!=', False)],
                                 ['message_id', 'model', 'res_id'])
        return {row['message_id']: (row['model'], row['res_id']) for row in found}
