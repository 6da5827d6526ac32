// The default theme, plus the few additions that make a chapter read like a course book: wide
// columns, titled listings, outputs drawn as notebook cells, tables and diagrams that fit.
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import { DiagramFrame } from './diagram-frame.ts';
import { InSocketCore } from './in-socket-core.ts';
import { LabHints } from './lab-hints.ts';
import { preparePrinting } from './print.ts';
import { WholeCourse } from './whole-course.ts';
import { loadWholeFilesOnOpen } from './whole-file-loader.ts';
import './styles/layout.css';
import './styles/code.css';
import './styles/listings.css';
import './styles/notebook.css';
import './styles/tables.css';
import './styles/diagrams.css';
import './styles/labs.css';
import './styles/print.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('InSocketCore', InSocketCore);
    app.component('DiagramFrame', DiagramFrame);
    app.component('LabHints', LabHints);
    app.component('WholeCourse', WholeCourse);
    // enhanceApp also runs while the pages are rendered on the server, where there is no window.
    if (typeof window !== 'undefined') {
      preparePrinting();
      loadWholeFilesOnOpen();
    }
  },
} satisfies Theme;
