// Printing one thing on the screen (a Z report, a receipt) through the system's print dialog:
// a copy of it goes into a top-level #print-root that the print style sheet shows alone
// (styles/sales.css, @media print), so the top bar, buttons and the rest never reach paper.

/** `kind` is a class on the copy's root so the print CSS can size it (e.g. "print-receipt"). */
export function printElement(el: HTMLElement, kind: string): void {
  document.getElementById("print-root")?.remove();
  const root = document.createElement("div");
  root.id = "print-root";
  root.className = kind;
  root.setAttribute("aria-hidden", "true");
  root.appendChild(el.cloneNode(true));
  document.body.appendChild(root);
  document.body.classList.add("printing");
  const done = () => {
    window.removeEventListener("afterprint", done);
    document.body.classList.remove("printing");
    root.remove();
  };
  window.addEventListener("afterprint", done);
  try {
    window.print();
  } finally {
    // Engines whose print() returns before printing still fire afterprint; the others have
    // printed by now. Either way nothing is left behind for long.
    setTimeout(() => {
      if (document.body.contains(root) && !matchMedia("print").matches) done();
    }, 1000);
  }
}
