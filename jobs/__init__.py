"""The application floor: the Qt-free jobs that both the GUI and the CLI run.

A job is one plain function over a store and plain data (``importing.import_files``:
read, skip duplicates, pre-annotate, store in short batches (``import_batches``),
report). It stands between ``ui | cli``
above and ``storage | formats`` below, so the steps of a job are written once: the
CLI calls it in its own thread, the GUI in a worker (``ui.shell.tasks``). Nothing
here imports Qt.
"""
