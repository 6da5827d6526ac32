// <DiagramFrame>: the frame around every Mermaid diagram (placed by .vitepress/diagram-frames.ts).
//
// Mermaid draws a diagram at its natural size, and the theme shrinks it to fit the column. A
// wide diagram then ends up with 5 px labels on a phone. The frame lets a diagram shrink only
// as far as its smallest label stays readable (`readablePx`); past that the diagram keeps its
// size and the frame scrolls sideways, with the same edge shading as code. "Enlarge" shows the
// diagram at its natural size in a full-screen dialog (Esc, the close button or a click beside
// it closes it).
import { defineComponent, h, onBeforeUnmount, onMounted, ref } from 'vue';

/** The smallest label size a diagram may be drawn at, in CSS pixels. */
export const readablePx = 12.5;

/**
 * The narrowest a diagram may be drawn: its natural width scaled so that its smallest label is
 * `readablePx` (never wider than natural).
 *
 * @example
 * minDiagramWidth(1000, 16, 12.5) // 782
 */
export function minDiagramWidth(naturalWidth: number, smallestLabelPx: number, readable: number) {
  const scale = Math.min(1, readable / smallestLabelPx);
  return Math.ceil(naturalWidth * scale);
}

/** Sets the diagram's min-width from its own labels; a no-op until Mermaid has drawn it. */
function fitReadable(svg: SVGSVGElement): void {
  const naturalWidth = svg.viewBox.baseVal?.width ?? 0;
  if (naturalWidth <= 0) return;
  let smallest = Number.POSITIVE_INFINITY;
  for (const label of svg.querySelectorAll('text, foreignObject span, foreignObject p')) {
    if ((label.textContent ?? '').trim() === '') continue;
    smallest = Math.min(smallest, Number.parseFloat(getComputedStyle(label).fontSize));
  }
  if (!Number.isFinite(smallest)) return;
  svg.style.minWidth = `${minDiagramWidth(naturalWidth, smallest, readablePx)}px`;
}

export const DiagramFrame = defineComponent({
  name: 'DiagramFrame',
  setup(_, { slots }) {
    const scroller = ref<HTMLElement | null>(null);
    const dialog = ref<HTMLDialogElement | null>(null);
    const body = ref<HTMLElement | null>(null);
    let observer: MutationObserver | undefined;

    const fitAll = () => {
      for (const svg of scroller.value?.querySelectorAll('svg') ?? []) {
        if (svg instanceof SVGSVGElement && svg.parentElement?.closest('svg') === null) {
          fitReadable(svg);
        }
      }
    };
    onMounted(() => {
      // Mermaid draws after the page has mounted, and again when the colour theme changes.
      if (scroller.value === null) return;
      observer = new MutationObserver(fitAll);
      observer.observe(scroller.value, { childList: true, subtree: true });
      fitAll();
    });
    onBeforeUnmount(() => observer?.disconnect());

    const close = () => {
      dialog.value?.close();
    };
    const enlarge = () => {
      const svg = scroller.value?.querySelector('svg');
      if (!(svg instanceof SVGSVGElement) || dialog.value === null || body.value === null) return;
      const copy = svg.cloneNode(true) as SVGSVGElement;
      const width = svg.viewBox.baseVal?.width ?? 0;
      copy.removeAttribute('style');
      if (width > 0) copy.setAttribute('width', String(width));
      copy.removeAttribute('height');
      body.value.replaceChildren(copy);
      dialog.value.showModal();
    };
    const onDialogClick = (event: MouseEvent) => {
      // A click on the backdrop lands on the dialog element itself.
      if (event.target === dialog.value) close();
    };
    const onDialogClose = () => body.value?.replaceChildren();

    return () =>
      h('figure', { class: 'diagram-frame' }, [
        h(
          'div',
          { class: 'diagram-scroll', 'data-scroll-cue': '', ref: scroller },
          slots.default?.(),
        ),
        h(
          'button',
          {
            class: 'diagram-enlarge',
            type: 'button',
            onClick: enlarge,
            title: 'Show the diagram full screen',
          },
          'Enlarge',
        ),
        h(
          'dialog',
          { class: 'diagram-dialog', ref: dialog, onClick: onDialogClick, onClose: onDialogClose },
          [
            h('button', { class: 'diagram-close', type: 'button', onClick: close }, 'Close'),
            h('div', { class: 'diagram-dialog-body', ref: body }),
          ],
        ),
      ]);
  },
});
