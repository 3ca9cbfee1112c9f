"""The load run of ``bench/load.py``, importable so that a test can run it briefly.

- :mod:`.servers` starts real ``odoo-bin --workers N`` processes and reads CPU use from ``/proc``;
- :mod:`.clients` is the simulated CRM user and its ledger of acknowledged writes;
- :mod:`.ledger` checks such a ledger against the database;
- :mod:`.run` runs clients over processes, then sums up requests/s, latencies and CPU.
"""
