"""Imported by the local engine's fork server before it forks any worker: loads the spaCy pipeline named in
the environment variable CONVENE_PRELOAD (JSON: [model, resources, chunk_chars], set by the engine while the
server starts), so that every worker is forked with it loaded instead of loading it itself.

Nothing here may fail: a pipeline that cannot be loaded is left to the workers, which report it properly.
"""
from __future__ import annotations

import json
import os


def _preload() -> None:
    setting = os.environ.get("CONVENE_PRELOAD")
    if not setting:
        return
    try:
        from pipeline.stages.extract import warm_pipeline

        model, resources, chunk_chars = json.loads(setting)
        warm_pipeline(model, resources, chunk_chars)
    except Exception:  # the workers load it themselves and report what is wrong
        pass


_preload()
