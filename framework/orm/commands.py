"""Commands for writing one2many and many2many fields.

A command is the tuple ``(code, id, values)`` that Odoo and OpenERP clients
send; `Command` builds them with readable names.
"""
import enum


class Command(enum.IntEnum):
    """The seven x2many commands, usable as ``Command.create(vals)``..."""

    CREATE = 0
    UPDATE = 1
    DELETE = 2
    UNLINK = 3
    LINK = 4
    CLEAR = 5
    SET = 6

    @classmethod
    def create(cls, values):
        """Create a new record with `values` and link it."""
        return (cls.CREATE, 0, values)

    @classmethod
    def update(cls, record_id, values):
        """Write `values` on the linked record `record_id`."""
        return (cls.UPDATE, record_id, values)

    @classmethod
    def delete(cls, record_id):
        """Delete the record `record_id` (and so unlink it)."""
        return (cls.DELETE, record_id, 0)

    @classmethod
    def unlink(cls, record_id):
        """Remove the link to `record_id`, keeping the record."""
        return (cls.UNLINK, record_id, 0)

    @classmethod
    def link(cls, record_id):
        """Add a link to the existing record `record_id`."""
        return (cls.LINK, record_id, 0)

    @classmethod
    def clear(cls):
        """Remove every link."""
        return (cls.CLEAR, 0, 0)

    @classmethod
    def set(cls, ids):
        """Replace the links by exactly `ids`."""
        return (cls.SET, 0, list(ids))
