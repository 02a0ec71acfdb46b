import { currentPath } from "./router";

/** The title a page gave itself, and the path it was on then. */
export interface PageTitle {
  title: string;
  path: string;
}

let last: PageTitle | null = null;
const listeners = new Set<(titled: PageTitle) => void>();

/** Names the page in the tab's title, and tells whoever says a new page's name that this page now has one. */
export function setPageTitle(title: string): void {
  document.title = title ? `${title} · FollowUp` : "FollowUp console";
  last = { title: title || "FollowUp console", path: currentPath() };
  const titled = last;
  listeners.forEach((listener) => listener(titled));
}

export function lastPageTitle(): PageTitle | null {
  return last;
}

export function onPageTitle(listener: (titled: PageTitle) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
