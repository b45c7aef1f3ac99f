"""Reviewing an output folder: a local web app, its decisions file and their application by ingest."""
