import type { ComponentChildren } from "preact";
import { Base, navigate } from "../lib/router";

interface Props {
  to: string;
  children: ComponentChildren;
  class?: string;
  current?: boolean;
}

/** A real link (it opens in a new tab, and a screen reader calls it a link) that moves within the app on a plain click. */
export function Link({ to, children, class: className, current }: Props) {
  return (
    <a
      href={Base + to}
      class={className}
      aria-current={current ? "page" : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
