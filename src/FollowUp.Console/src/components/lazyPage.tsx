import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorNote, Loading } from "./Status";

/**
 * A page whose code is fetched the first time it is shown: the editors' CodeMirror and the overview's Chart.js stay
 * out of the first download, so the first view comes sooner.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>, what: string): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function LazyPage(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [error, setError] = useState<unknown>(null);
    useEffect(() => {
      if (component) return;
      load().then(
        (found) => {
          loaded = found;
          setComponent(() => found);
        },
        (failure: unknown) => setError(failure),
      );
    }, [component]);
    if (error) return <ErrorNote error={new Error(`The ${what} did not load: reload the page. (${String(error)})`)} />;
    if (!component) return <Loading what={what} />;
    const Page = component;
    return <Page {...props} />;
  };
}
