"""Mail gateway tests: a package, so that its conftest does not shadow the module named conftest."""
