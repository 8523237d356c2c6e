"""Pure rules of the informational-interview method.

Standard library only: nothing here imports Django or any coffeechat app, so the
rules run (and are tested) without a database and with a fixed clock. A test in
tests/test_architecture.py keeps it that way.
"""
