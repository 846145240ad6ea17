"""The static site: pagelist is the one list of pages; build (``build``, ``Options``) gathers the
data (context), renders every page (entries, render, pages/) and hands them to publish, which
runs MkDocs (mkdocs_run, mkdocs_config) in a private folder and swaps the result into place
(output). A second kind of site brings its own page list to the same machinery.

Nothing is imported here: MkDocs runs as ``python -m generator.site.mkdocs_run`` in a child
process, which should not load the whole site to start.
"""
