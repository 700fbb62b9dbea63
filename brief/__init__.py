"""The ``brief`` command: click commands over the three products and the shared core.

The only package that imports everything, and the only place that prints or exits.
"""
