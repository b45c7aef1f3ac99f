"""Input layer of `convene ingest`: files and folders to RawDocuments or read-stage Rejects."""
from pipeline.read.document import RawDocument
from pipeline.read.iterate import iter_documents

__all__ = ["RawDocument", "iter_documents"]
