"""The scheduler's runners: they call the due ``ir.cron`` jobs of the databases.

- ``schedule``: when a job runs and when it runs next (pure functions);
- ``jobs``: one pass over one database, each job locked while it runs;
- ``wakeup``: sleeping runners wake on ``wake()`` and ``NOTIFY cron_trigger``;
- ``runner``: the loop of a cron thread or process (``odoo-bin cron`` runs one ``process_jobs``).

The jobs themselves are ``ir.cron`` records of the base addon.
"""
from .jobs import Outcome, process_jobs
from .runner import Runner, start_threads, stop_threads
from .wakeup import CHANNEL, wake

__all__ = ['Outcome', 'process_jobs', 'Runner', 'start_threads', 'stop_threads', 'CHANNEL', 'wake']
