"""Excel for staff: `iku templat` writes a workbook that already knows the registers' rules
(`template`), `iku impor` reads it back into the canonical CSV (`impor`). Both work on
Frictionless Table Schema resource dicts obtained from one adapter (`registers`)."""
