"""Import and export: the File menu and its dialogs (CSV mapping, import report, export)."""
