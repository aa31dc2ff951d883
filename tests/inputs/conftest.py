"""Shared helpers for the input-layer tests."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    """The directory of hand-written input fixtures."""
    return FIXTURES
