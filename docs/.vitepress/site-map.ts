// The one list of the site's pages, in reading order: each chapter, then its lab. The sidebar,
// the previous/next links (VitePress derives them from the sidebar order), the home page's
// chapter cards and the tests all read it, so a new page is added in exactly one place.
import type { DefaultTheme } from 'vitepress';

/** One chapter: its folder under chapters/ is `NN-slug`, its page is /chapters/NN-slug. */
export interface ChapterEntry {
  number: number;
  /** Folder name under chapters/, e.g. '03-client'. */
  folder: string;
  /** The chapter's title as its README's heading gives it ("Chapter 5: Timeouts and errors"). */
  title: string;
  /** One line: what the reader can do after the chapter. */
  summary: string;
}

export const chapters: readonly ChapterEntry[] = [
  {
    number: 1,
    folder: '01-resolution',
    title: 'Name resolution',
    summary: 'Turn host names into addresses (and back) the way the operating system does.',
  },
  {
    number: 2,
    folder: '02-socket-lifecycle',
    title: 'The socket lifecycle',
    summary: 'Create, bind, listen, connect and close sockets, and watch their TCP states.',
  },
  {
    number: 3,
    folder: '03-client',
    title: 'The TCP client',
    summary: 'Connect, send a request, read the reply until EOF, and scan ports with connectEx.',
  },
  {
    number: 4,
    folder: '04-server',
    title: 'The TCP server',
    summary: 'Accept connections and serve many clients at once without blocking any of them.',
  },
  {
    number: 5,
    folder: '05-timeouts',
    title: 'Timeouts and errors',
    summary: 'Bound every network operation, and tell a refused port from a silent one.',
  },
  {
    number: 6,
    folder: '06-udp',
    title: 'UDP',
    summary: 'Send and receive datagrams, and live with loss, reordering and silence.',
  },
];

/** The route of a chapter's page, e.g. '/chapters/03-client'. */
export function chapterRoute(chapter: ChapterEntry): string {
  return `/chapters/${chapter.folder}`;
}

/** The route of a chapter's lab page, e.g. '/labs/chapter3'. */
export function labRoute(chapter: ChapterEntry): string {
  return `/labs/chapter${chapter.number}`;
}

/** The heading of a chapter's page, e.g. 'Chapter 3: The TCP client'. */
export function chapterHeading(chapter: ChapterEntry): string {
  return `Chapter ${chapter.number}: ${chapter.title}`;
}

/** The heading of a lab's page, e.g. 'Lab 3: The TCP client'. */
export function labHeading(chapter: ChapterEntry): string {
  return `Lab ${chapter.number}: ${chapter.title}`;
}

/**
 * The sidebar, in reading order: introduction, then each chapter followed by its lab (nested
 * under it), then the reference and the whole course on one page (for printing).
 *
 * @example
 * themeConfig: { sidebar: sidebar() }
 */
export function sidebar(): DefaultTheme.SidebarItem[] {
  return [
    {
      text: 'Introduction',
      items: [
        { text: 'Getting started', link: '/start' },
        { text: 'Concepts', link: '/concepts' },
        { text: 'How labs are graded', link: '/labs/' },
      ],
    },
    {
      text: 'Chapters and labs',
      items: chapters.map((c) => ({
        text: `${c.number}. ${c.title}`,
        link: chapterRoute(c),
        items: [{ text: labHeading(c), link: labRoute(c) }],
      })),
    },
    {
      text: 'Reference',
      items: [
        { text: 'Python ↔ TypeScript', link: '/python-to-typescript' },
        { text: "The teacher's guide", link: '/teachers' },
        { text: 'The whole course on one page', link: '/print' },
      ],
    },
  ];
}

/**
 * Every sidebar page's route, in the order a reader meets them (the order prev/next follow).
 *
 * @example
 * sidebarRoutes()[0] // '/start'
 */
export function sidebarRoutes(): string[] {
  const routes: string[] = [];
  const walk = (items: readonly DefaultTheme.SidebarItem[]) => {
    for (const item of items) {
      if (item.link !== undefined) routes.push(item.link);
      if (item.items !== undefined) walk(item.items);
    }
  };
  walk(sidebar());
  return routes;
}
