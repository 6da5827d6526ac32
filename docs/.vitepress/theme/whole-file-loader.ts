// Fills a listing's "The whole file" when the reader opens it: the file is a small HTML page of
// its own (.vitepress/whole-files.ts), fetched once, on the first click.
import { withBase } from 'vitepress';

async function load(details: HTMLDetailsElement): Promise<void> {
  const src = details.dataset.whole;
  if (src === undefined || details.dataset.loaded !== undefined) return;
  details.dataset.loaded = 'loading';
  const status = details.querySelector('.listing-whole-status');
  try {
    const response = await fetch(withBase(src));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const html = await response.text();
    status?.insertAdjacentHTML('afterend', html);
    status?.remove();
    details.dataset.loaded = 'yes';
  } catch (error) {
    delete details.dataset.loaded;
    if (status !== null) {
      status.textContent = `Could not load the file (${(error as Error).message}): the title above links to it in the repository.`;
    }
  }
}

/**
 * Call once in the browser: from then on, opening any "The whole file" loads it.
 *
 * @example
 * if (typeof window !== 'undefined') loadWholeFilesOnOpen();
 */
export function loadWholeFilesOnOpen(): void {
  // 'toggle' does not bubble; listening while it is captured sees every details element.
  document.addEventListener(
    'toggle',
    (event) => {
      const target = event.target;
      if (target instanceof HTMLDetailsElement && target.open && target.matches('.listing-whole')) {
        void load(target);
      }
    },
    true,
  );
}
