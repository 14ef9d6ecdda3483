"""Resolve: fill cited values into text and draw charts (cached) before the model is built."""
