"""The pure core: models in, tables and text out; no files, no clock, no git.

periods and summary count the 汇总表; alerts finds what needs attention; privacy is the one
masking engine; display writes a field's value as text; reports compares submitted 汇总表s;
summary_text lays a summary out for the terminal and CSV; anonymize retires personal data.
"""

from generator.core.privacy import Masker, masker
from generator.core.summary import Summary, summarize

__all__ = ["Masker", "Summary", "masker", "summarize"]
