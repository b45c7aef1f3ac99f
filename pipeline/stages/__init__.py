"""The stages of `convene ingest`, one module each; `pipeline.ingest` runs them in order.

    read      pipeline.read            files and folders -> RawDocuments (or read rejects)
    clean     pipeline.stages.clean    RawDocument -> Article with cleaned text (or a clean/validate reject)
    dedup     pipeline.stages.dedup    articles, old and new -> duplicates marked; which ones to extract
    parse     pipeline.stages.parse    article -> spaCy Doc, cached per text (long texts in pieces)
    extract   pipeline.stages.extract  article + Doc -> its meetings and people, cached per article
    merge     pipeline.stages.merge    every article's records -> one record per meeting and per person
    reviews   pipeline.stages.reviews  reviewer decisions in OUT/reviews.jsonl applied to the merged records
    write     pipeline.write           the output folder: locked, read back validated, committed as one unit

Every per-document stage isolates its documents: one that fails becomes a line of rejects.jsonl naming the
stage and the reason, and the run goes on.
"""
