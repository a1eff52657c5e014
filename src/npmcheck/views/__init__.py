"""Plain, JSON-ready views of the catalogue, the profiles, assessments, roadmaps and reports,
each in one language and each a TypedDict: the contract between the domain and the renderers.

Every renderer starts from these views, so that the JSON, CSV, Markdown, HTML and Word outputs
cannot disagree about a figure or a label.
"""
