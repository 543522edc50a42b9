"""The frame around the panels: the application, the main window, theme, view state, workers."""
