// Material wraps wide Markdown tables in a scrolling box; make that box reachable by keyboard
// (WCAG 2.1.1) and name it for screen readers. Without JavaScript there is no wrapper to fix.
document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
  if (box.closest(".tabel-gulir")) return;
  box.tabIndex = 0;
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", "Tabel (geser ke samping bila terpotong)");
});

// Material's search panel is a dialog without a name; screen readers announce it as "Pencarian".
var search = document.querySelector(".md-search[role=dialog]");
if (search) search.setAttribute("aria-label", "Pencarian");
