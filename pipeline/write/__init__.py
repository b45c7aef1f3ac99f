"""The output folder: its one JSON Lines reader and atomic writer, its lock, and committing a run's files as one unit."""
from pipeline.write.folder import OutputFolder, Outputs, PreviousOutputs
from pipeline.write.jsonl import atomic_write_bytes, atomic_write_text, read_jsonl, render_jsonl

__all__ = ["OutputFolder", "Outputs", "PreviousOutputs", "atomic_write_bytes", "atomic_write_text", "read_jsonl",
           "render_jsonl"]
