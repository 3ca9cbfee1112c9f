"""Two-cursor concurrency tests."""
