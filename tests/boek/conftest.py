"""De boektests gebruiken de sessiefixture ``boek`` uit ``tests/conftest.py`` (één bouw voor alle tests)."""
