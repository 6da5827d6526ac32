// The built site in Chromium, second half: the middle chapter's page and every page after it,
// in reading order. The checks and why the site is split: browser/site-in-chromium.ts.
import { describeSiteInChromium } from './browser/site-in-chromium.ts';

describeSiteInChromium('second');
