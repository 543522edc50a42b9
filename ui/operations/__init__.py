"""One verb-named function per user action, and the change signal they fire."""
