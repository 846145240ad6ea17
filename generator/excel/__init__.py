"""Excel workbooks: export writes 附件1 and 附件2 (style for the look, columns for the layout);
importer reads a 台账 sheet back (sheet finds the header, rowreader and cells read the values)."""

from generator.excel.export import write_workbook
from generator.excel.importer import plan_import

__all__ = ["plan_import", "write_workbook"]
