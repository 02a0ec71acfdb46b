import type { ComponentChildren } from "preact";

interface Props {
  id: string;
  label: string;
  hint?: ComponentChildren;
  errors?: string[];
  children: ComponentChildren;
  class?: string;
}

/**
 * A labelled form field with its hint and the server's reasons beneath it. The control inside takes `id`, and
 * `aria-describedby={describedBy(id, ...)}` so that a screen reader reads the hint and the error with it.
 */
export function Field({ id, label, hint, errors = [], children, class: className }: Props) {
  return (
    <div class={`field${className ? ` ${className}` : ""}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {errors.length > 0 && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {errors.join(" ")}
        </p>
      )}
    </div>
  );
}

export function describedBy(id: string, hint: boolean, errors: string[] | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, errors && errors.length > 0 ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}
