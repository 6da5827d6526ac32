// The default theme, plus the few additions that make a chapter read like a notebook.
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import { InSocketCore } from './in-socket-core.ts';
import './custom.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('InSocketCore', InSocketCore);
  },
} satisfies Theme;
