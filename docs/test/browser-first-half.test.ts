// The built site in Chromium, first half: the home page and every page before the middle
// chapter's, in reading order. The checks and why the site is split: browser/site-in-chromium.ts.
import { describeSiteInChromium } from './browser/site-in-chromium.ts';

describeSiteInChromium('first');
