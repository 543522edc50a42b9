"""The Team menu: the annotation layer you work in and the agreement between layers.

``team_actions.TeamActions`` holds the menu's actions and the status-bar button that
names the current layer; ``layer_dialog`` is Team > Switch layer…,
``agreement_window`` Team > Agreement. The GUI's adjudication mode lives beside
them (``adjudication*``).
"""
