"""A real PostgreSQL for the tests of several instances: ``TEST_POSTGRES_URL``, which
``bash .ci/test`` sets to a throwaway cluster. Without it those tests skip, saying why."""

from __future__ import annotations

import os

import pytest

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")

needs_postgres = pytest.mark.skipif(
    not POSTGRES_URL,
    reason=os.environ.get(
        "SKIP_POSTGRES_REASON",
        "TEST_POSTGRES_URL is not set; `bash .ci/test` starts a throwaway PostgreSQL for these",
    ),
)
