"""convene: news articles in, validated and deduplicated meetings, people and roles out."""

__version__ = "0.1.0"
