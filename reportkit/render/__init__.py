"""Rendering the model to files: which documents need writing (cache.py), and writing them in
worker processes (workers.py), with a line per document as it finishes (progress.py)."""
