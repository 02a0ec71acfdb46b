import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, post } from "../lib/api";
import type { Problem } from "../lib/problem";

export interface Debounced<T> {
  result: T | null;
  problem: Problem | null;
  error: string | null;
  busy: boolean;
}

/**
 * Runs `run` a moment after `input` last changed (so typing is not slowed by a request per key), cancelling the one
 * under way: the answer shown is always for the latest input.
 */
export function useDebounced<I, T>(input: I | null, run: (input: I, signal: AbortSignal) => Promise<T>, delay = 350): Debounced<T> {
  const [state, setState] = useState<Debounced<T>>({ result: null, problem: null, error: null, busy: false });
  const runRef = useRef(run);
  const first = useRef(true);
  runRef.current = run;
  const key = input === null ? null : JSON.stringify(input);

  useEffect(() => {
    if (input === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, busy: true }));
    // The first run goes at once: only typing is worth waiting for.
    const timer = setTimeout(() => {
      runRef.current(input, controller.signal).then(
        (result) => !controller.signal.aborted && setState({ result, problem: null, error: null, busy: false }),
        (failure: unknown) => {
          if (controller.signal.aborted) return;
          if (failure instanceof ApiError && failure.status === 400) setState((s) => ({ ...s, problem: failure.problem, error: null, busy: false }));
          else setState((s) => ({ ...s, problem: null, error: failure instanceof Error ? failure.message : String(failure), busy: false }));
        },
      );
    }, first.current ? 0 : delay);
    first.current = false;
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // The input is compared by value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return state;
}

export const postJson = <T>(path: string, body: unknown, signal: AbortSignal) => post<T>(path, body, { signal }).then((answer) => answer.data);
