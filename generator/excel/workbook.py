"""Opening a workbook the importer is given: .xlsx only, with a Chinese word for everything else."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from generator.errors import DataError

MAX_UNPACKED_MB = 20


def _unpacked_mb(path: Path) -> float:
    """What the workbook's parts add up to unpacked, as their headers say (zipfile reads no
    more than that); 0 where it is no zip, which load_workbook then reports."""
    try:
        with zipfile.ZipFile(path) as z:
            return sum(item.file_size for item in z.infolist()) / (1024 * 1024)
    except (zipfile.BadZipFile, OSError, ValueError):
        return 0.0


def open_workbook(path: Path, shown: str) -> Any:
    """The workbook at path; a Chinese message for .xls/.et files and anything not .xlsx."""
    suffix = path.suffix.lower()
    head = path.read_bytes()[:8]
    if suffix in (".xls", ".et", ".ett") or head.startswith(b"\xd0\xcf\x11\xe0"):
        kind = "WPS 表格（.et）" if suffix in (".et", ".ett") else "旧版 Excel（.xls）"
        raise DataError(
            f"{shown}: 这是{kind}文件，无法直接导入；"
            "请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx），再导入另存的文件"
        )
    if suffix == ".csv":
        raise DataError(f"{shown}: 只能导入 Excel 工作簿（.xlsx）；请用 Excel 或 WPS 另存为 .xlsx")
    unpacked = _unpacked_mb(path)
    if unpacked > MAX_UNPACKED_MB:  # openpyxl holds every cell: 62 MB of XML took 870 MB, 26 s
        raise DataError(
            f"{shown}: 工作簿解压后有 {unpacked:.1f} MB，超过 {MAX_UNPACKED_MB} MB 的上限"
            "（台账表格通常不到 1 MB）；请删除表格末尾多余的空行和格式后另存，再导入"
        )
    try:
        with warnings.catch_warnings():  # WPS files trip openpyxl's "unsupported extension" notes
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        # openpyxl's own wording is English and says nothing a clerk can act on
        raise DataError(
            f"{shown}: 无法读取，不是有效的 Excel 工作簿（.xlsx）；"
            "请用 Excel 或 WPS 打开后另存为 .xlsx"
        ) from None
    except Exception as err:  # a damaged file can fail anywhere inside openpyxl; never a traceback
        raise DataError(f"{shown}: 无法读取，文件可能已损坏（{type(err).__name__}）") from None
