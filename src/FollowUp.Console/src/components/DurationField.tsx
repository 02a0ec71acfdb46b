import { useEffect, useState } from "preact/hooks";
import { isoToWords, parseIso, toIso, wordsToIso } from "../lib/duration";
import { describedBy, Field } from "./Field";

interface Props {
  id: string;
  label: string;
  /** ISO 8601, or null for "not set" when optional. */
  value: string | null;
  onChange: (iso: string | null) => void;
  /** Told whether the text on screen can be read, so that a form is not saved with the last value that could. */
  onReadable?: (readable: boolean) => void;
  optional?: boolean;
  hint?: string;
  errors?: string[];
  placeholder?: string;
}

/** A duration typed in words ("2 hours", "5 days", "1 week 2 days") or ISO 8601, shown both ways. */
export function DurationField({ id, label, value, onChange, onReadable, optional, hint, errors, placeholder }: Props) {
  const [text, setText] = useState(() => (value ? (isoToWords(value) ?? value) : ""));
  const [local, setLocal] = useState<string | null>(null);

  useEffect(() => {
    // A value set from outside (a restore, a reload) replaces what is typed, unless it says the same.
    const typed = text.trim() === "" ? null : wordsToIso(text);
    const same = value === null ? typed === null : typed !== null && "iso" in typed && parseIso(value) !== null && typed.iso === toIso(parseIso(value)!);
    if (!same) {
      setText(value ? (isoToWords(value) ?? value) : "");
      setLocal(null);
      onReadable?.(true);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  function input(next: string) {
    setText(next);
    if (next.trim() === "" && optional) {
      setLocal(null);
      onReadable?.(true);
      onChange(null);
      return;
    }
    const result = wordsToIso(next);
    if ("iso" in result) {
      setLocal(null);
      onReadable?.(true);
      onChange(result.iso);
    } else {
      setLocal(result.error);
      onReadable?.(false);
    }
  }

  const iso = text.trim() === "" ? null : wordsToIso(text);
  const shown = iso && "iso" in iso ? iso.iso : null;
  const allErrors = [...(local ? [local] : []), ...(errors ?? [])];
  const hintText = [shown ? `ISO 8601: ${shown}` : null, hint].filter(Boolean).join(" · ");
  return (
    <Field id={id} label={label} hint={hintText || undefined} errors={allErrors}>
      <input
        id={id}
        value={text}
        placeholder={placeholder ?? (optional ? "not set" : "e.g. 2 hours")}
        onInput={(event) => input(event.currentTarget.value)}
        aria-invalid={allErrors.length ? "true" : undefined}
        aria-describedby={describedBy(id, Boolean(hintText), allErrors)}
      />
    </Field>
  );
}
