"""Document types: each turns one validated source file into a model Document."""
