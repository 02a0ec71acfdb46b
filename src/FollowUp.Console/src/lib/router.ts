import { useEffect, useState } from "preact/hooks";

// The console's pages are paths under /console/ (the hosts answer each with the app), so a page can be bookmarked
// and opened in a new tab; the app moves between them without reloading.
export const Base = "/console/";

export function currentPath(): string {
  const path = location.pathname.startsWith(Base) ? location.pathname.slice(Base.length) : "";
  return path.replace(/\/+$/, "");
}

const listeners = new Set<() => void>();

// What a page with unsaved work says before the console moves away from it (null: nothing to lose).
let leaveGuard: (() => string | null) | null = null;

/**
 * While `unsaved` says so, moving to another page of the console asks first, and so does closing or reloading the tab.
 */
export function useLeaveGuard(unsaved: boolean, message = "You have unsaved changes. Leave this page and lose them?"): void {
  useEffect(() => {
    if (!unsaved) return;
    const guard = () => message;
    leaveGuard = guard;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    addEventListener("beforeunload", warn);
    return () => {
      if (leaveGuard === guard) leaveGuard = null;
      removeEventListener("beforeunload", warn);
    };
  }, [unsaved, message]);
}

/** Whether the page may be left: true when nothing is unsaved, or the person says so. */
export function confirmLeaving(): boolean {
  const message = leaveGuard?.();
  return !message || confirm(message);
}

export function navigate(path: string, replace = false): void {
  if (!replace && !confirmLeaving()) return;
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
    if (part.startsWith(":")) {
      // A broken % escape in a pasted address is a page that does not exist, not a crash.
      try {
        values[part.slice(1)] = decodeURIComponent(have[i]!);
      } catch {
        return null;
      }
    }
    else if (part !== have[i]) return null;
  }
  return values;
}
