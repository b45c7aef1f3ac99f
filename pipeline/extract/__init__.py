"""Extraction of dates, meetings, people and roles from cleaned article text."""
