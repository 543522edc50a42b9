"""Headless commands: import, export, extract, evaluate."""
