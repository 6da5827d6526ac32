// Printing (or saving a PDF of) a page, /print above all: a listing that starts collapsed
// because it is long opens for the print, so the paper shows what the text discusses. The
// whole-file copies under listings stay out of print (styles/print.css).

/** Opens every long listing before the browser prints the page. */
function openLongListings(): void {
  for (const details of document.querySelectorAll<HTMLDetailsElement>('details.listing-long')) {
    details.open = true;
  }
}

/**
 * Call once in the browser (not during server rendering).
 *
 * @example
 * if (typeof window !== 'undefined') preparePrinting();
 */
export function preparePrinting(): void {
  window.addEventListener('beforeprint', openLongListings);
}
