"""Helpers for coffeechat's own test suite."""
