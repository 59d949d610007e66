"""Print the scores of a Lighthouse JSON report: `python3 scores.py REPORT.json LABEL`."""

import json
import sys

report = json.load(open(sys.argv[1], encoding="utf-8"))
categories = report["categories"]
performance = categories["performance"]["score"] * 100
accessibility = categories["accessibility"]["score"] * 100
print(f"{sys.argv[2]:<14} performa {performance:.0f}   aksesibilitas {accessibility:.0f}   "
      f"(mode {report['configSettings']['formFactor']}, Lighthouse {report['lighthouseVersion']})")
