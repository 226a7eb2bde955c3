"""Errors the registry raises: each names the field to change, so a page shows it there."""

from __future__ import annotations


class RegistryError(ValueError):
    """Input the registry refuses; ``field`` names what to change."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(RegistryError):
    """The named venue, placement, poster or account does not exist."""


class NotAllowed(RegistryError):
    """The account may not do this (wrong role, or outside its venues or area)."""
