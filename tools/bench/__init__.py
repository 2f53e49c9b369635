"""Helpers of ``tools/benchmark.py``: the bodies, the server and the timing."""
