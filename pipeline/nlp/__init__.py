"""The statistical NLP pass: loading a spaCy pipeline and caching its parses."""
