import { useState } from "preact/hooks";
import { navigate } from "../lib/router";

// As the API takes them: lower-case letters, digits and hyphens, at most 64.
const IdPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

interface Props {
  /** "template" or "rule": the field is "New template", its id "new-template", and the editor is at "templates/…". */
  what: "template" | "rule";
  existing: string[] | undefined;
  example: string;
}

/** The id of a new rule or template, checked as the API checks it before its editor opens. */
export function NewIdForm({ what, existing, example }: Props) {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const field = `new-${what}`;

  function create(event: Event) {
    event.preventDefault();
    const id = value.trim();
    if (!IdPattern.test(id)) {
      setError(`Use lower-case letters, digits and hyphens, starting with a letter or digit (at most 64), e.g. ${example}.`);
      return;
    }
    if (existing?.includes(id)) {
      setError(`A ${what} called ${id} exists already.`);
      return;
    }
    navigate(`${what}s/${encodeURIComponent(id)}?new=1`);
  }

  return (
    <form class="inline-form" onSubmit={create} noValidate>
      <label for={field}>New {what}</label>
      <input id={field} value={value} placeholder={`e.g. ${example}`} onInput={(e) => { setValue(e.currentTarget.value); setError(null); }} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${field}-error` : undefined} />
      <button type="submit">Create</button>
      {error && <p id={`${field}-error`} class="error field-error" role="alert">{error}</p>}
    </form>
  );
}
