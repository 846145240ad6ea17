"""Excel workbooks: export writes 附件1 and 附件2 (style for the look, columns for the layout);
importer reads a 台账 sheet back: workbook opens it, header finds the header rows and the case
rows, sheet knows our columns' titles, mapping and mapsheet read a sheet of another layout
through a mapping file, rowreader, cells and synonyms read the values."""

from generator.excel.export import write_workbook
from generator.excel.importer import plan_import

__all__ = ["plan_import", "write_workbook"]
