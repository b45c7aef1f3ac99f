"""Writing the output folder: atomic, sorted, byte-identical JSON Lines."""
from pipeline.write.jsonl import atomic_write_jsonl, atomic_write_text, read_jsonl, record_to_dict

__all__ = ["atomic_write_jsonl", "atomic_write_text", "read_jsonl", "record_to_dict"]
