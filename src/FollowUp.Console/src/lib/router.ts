import { useEffect, useState } from "preact/hooks";

// The console's pages are paths under /console/ (the hosts answer each with the app), so a page can be bookmarked
// and opened in a new tab; the app moves between them without reloading.
export const Base = "/console/";

export function currentPath(): string {
  const path = location.pathname.startsWith(Base) ? location.pathname.slice(Base.length) : "";
  return path.replace(/\/+$/, "");
}

const listeners = new Set<() => void>();

export function navigate(path: string, replace = false): void {
  const url = Base + path.replace(/^\/+/, "");
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  listeners.forEach((listener) => listener());
}

addEventListener("popstate", () => listeners.forEach((listener) => listener()));

/** The path under /console/ and its query, kept current. */
export function useRoute(): { path: string; search: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((tick) => tick + 1);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return { path: currentPath(), search: new URLSearchParams(location.search) };
}

/** Matches "rules/:id" against "rules/thank-you". */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const have = path.split("/");
  if (want.length !== have.length) return null;
  const values: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    if (part.startsWith(":")) values[part.slice(1)] = decodeURIComponent(have[i]!);
    else if (part !== have[i]) return null;
  }
  return values;
}
