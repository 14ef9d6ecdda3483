"""Readers: pack.yaml, Markdown with front matter, and data files, into validated inputs."""
