"""The statistical NLP pass: loading a spaCy pipeline, cutting long texts into pieces, the cache keys and the caches."""
