// <LabHints :chapter="3" />: the hints `pnpm lab chapter3 hint` gives, each behind its own click,
// from a nudge to a sketch, with links to the exercise's starter file and its graded test.
// The hints come from the lab's manifest (labs/chapterN/lab.json) when the site is built.
// .vitepress/lab-pages.ts places it on every lab page.
import { defineComponent, h, type VNode } from 'vue';
import { data as labs } from '../../labs/labs.data.ts';
import { sourceUrl } from '../repository.ts';

/**
 * A hint's text with `code` spans drawn as code; everything else stays plain text (no HTML is
 * ever interpreted).
 *
 * @example
 * withCode('Call `recv()` again') // ['Call ', <code>recv()</code>, ' again']
 */
export function withCode(text: string): (string | VNode)[] {
  return text
    .split(/(`[^`]+`)/)
    .map((part) =>
      part.length > 2 && part.startsWith('`') && part.endsWith('`')
        ? h('code', part.slice(1, -1))
        : part,
    );
}

export const LabHints = defineComponent({
  name: 'LabHints',
  props: {
    chapter: { type: Number, required: true },
    /** Draw the "Hints" heading too (for a lab README without a Hints section). */
    heading: { type: Boolean, default: false },
  },
  setup(props) {
    return () => {
      const lab = labs.find((l) => l.chapter === props.chapter);
      if (lab === undefined || lab.exercises.length === 0) return null;
      const folder = `labs/chapter${lab.chapter}`;
      const link = (path: string) =>
        h('a', { href: sourceUrl(`${folder}/${path}`), target: '_blank', rel: 'noreferrer' }, [
          h('code', path),
        ]);
      const exercises = lab.exercises.map((exercise, index) =>
        h('details', { class: 'lab-hints', 'data-exercise': exercise.id }, [
          h('summary', `${index + 1}. ${exercise.title}`),
          h('p', { class: 'lab-hints-files' }, [
            'Your file: ',
            link(exercise.file),
            '. Its graded test: ',
            link(exercise.test),
            '.',
          ]),
          ...exercise.hints.map((hint, n) =>
            h('details', { class: 'lab-hint' }, [
              h('summary', `Hint ${n + 1} of ${exercise.hints.length}`),
              h('p', withCode(hint)),
            ]),
          ),
        ]),
      );
      const intro = h(
        'p',
        withCode(
          'Each hint opens on a click, from a nudge to a sketch: the same hints, in the same ' +
            `order, as \`pnpm lab chapter${lab.chapter} hint\`. Try for a while before opening the next.`,
        ),
      );
      const title = props.heading
        ? [
            h('h2', { id: 'hints', tabindex: -1 }, [
              'Hints ',
              h(
                'a',
                { class: 'header-anchor', href: '#hints', 'aria-label': 'Permalink to "Hints"' },
                '\u200b',
              ),
            ]),
          ]
        : [];
      return h('div', { class: 'lab-hints-list' }, [...title, intro, ...exercises]);
    };
  },
});
