"""The web editor (Decap CMS) and review: decap writes its configuration and admin/, server and
filter run it locally behind a filtering proxy, backend reads editor.yaml, codeowners routes
each unit's folder to its reviewers."""
