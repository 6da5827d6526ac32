/// <reference types="vite/client" />
// <WholeCourse />: every chapter page followed by its lab page, in reading order, on one page
// (/print), for printing or saving as a PDF. It shows the pages the site has already built
// rather than compiling the whole course a second time: each part is the same page module the
// router loads, fetched when the print page opens.
import { type Component, defineComponent, h, onMounted, shallowRef } from 'vue';
import { chapters } from '../site-map.ts';

const pageModules = import.meta.glob<{ default: Component }>([
  '../../chapters/*.md',
  '../../labs/chapter*.md',
]);

/** The page files of the course, in reading order: chapter 1, lab 1, chapter 2, … */
export function courseParts(): string[] {
  return chapters.flatMap((c) => [
    `../../chapters/${c.folder}.md`,
    `../../labs/chapter${c.number}.md`,
  ]);
}

export const WholeCourse = defineComponent({
  name: 'WholeCourse',
  setup() {
    const parts = shallowRef<Component[] | null>(null);
    const missing = shallowRef<string[]>([]);
    onMounted(async () => {
      const files = courseParts();
      missing.value = files.filter((file) => pageModules[file] === undefined);
      const loaded = await Promise.all(
        files.flatMap((file) => {
          const load = pageModules[file];
          return load === undefined ? [] : [load().then((module) => module.default)];
        }),
      );
      parts.value = loaded;
    });
    return () => {
      if (missing.value.length > 0) {
        return h(
          'p',
          { class: 'whole-course-error' },
          `Missing pages: ${missing.value.join(', ')}`,
        );
      }
      if (parts.value === null) return h('p', 'Loading the chapters and labs…');
      return h(
        'div',
        { class: 'whole-course' },
        parts.value.map((part, index) =>
          h('section', { class: 'whole-course-part', key: index }, [h(part)]),
        ),
      );
    };
  },
});
