"""The Qt desktop interface: panels, models, user actions and workers.

Importing the package applies :mod:`ui.pyside_fixes` first, so no signal is
emitted before the PySide6 reference-count work-around is in place.
"""

from ui.pyside_fixes import balance_bool_results

balance_bool_results()
