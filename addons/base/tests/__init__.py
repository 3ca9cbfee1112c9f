"""Tests of the base addon: what a user of partners, users, sequences and attachments sees."""
