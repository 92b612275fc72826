from tests.reports.conftest import font_cache, fonts  # noqa: F401 - the shared font fixtures
