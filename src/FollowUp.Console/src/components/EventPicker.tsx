import { useEffect, useRef, useState } from "preact/hooks";
import type { Description } from "../lib/description";
import { describeEvent, recentEvents, type RecentEvent } from "../lib/recent";
import { fromNow } from "../lib/format";
import type { CloudEvent } from "../lib/types";

interface Props {
  id: string;
  label: string;
  description: Description | null;
  /** The event type to offer first (the rule's trigger). */
  preferredType: string | null;
  /** "" is the server's own choice: a sample for the trigger of the rule that sends the template. */
  allowDefault: boolean;
  onChange: (event: CloudEvent | null) => void;
}

/** Picks the data to try with: a sample event of any type, or one of the latest real events. */
export function EventPicker({ id, label, description, preferredType, allowDefault, onChange }: Props) {
  const [recent, setRecent] = useState<RecentEvent[]>([]);
  const [choice, setChoice] = useState(allowDefault ? "" : `sample:${preferredType ?? ""}`);
  const started = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    recentEvents(null, controller.signal).then((events) => !controller.signal.aborted && setRecent(events));
    return () => controller.abort();
  }, []);

  const types = description?.eventTypes ?? [];
  const ordered = preferredType && types.includes(preferredType) ? [preferredType, ...types.filter((t) => t !== preferredType)] : types;

  useEffect(() => {
    // Without a default, follow the preferred type (the rule's trigger, as it is changed) while a sample is chosen:
    // a sample of another type would only say "another trigger".
    if (!allowDefault && description && (choice === "" || choice.startsWith("sample:"))) {
      const first = ordered[0];
      if (first && choice !== `sample:${first}`) {
        setChoice(`sample:${first}`);
        onChange(description.samples[first] ?? null);
      } else if (first && choice === `sample:${first}` && !started.current) {
        onChange(description.samples[first] ?? null);
      }
      started.current = true;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [description, preferredType]);

  function pick(value: string) {
    setChoice(value);
    if (value === "") onChange(null);
    else if (value.startsWith("sample:")) onChange(description?.samples[value.slice(7)] ?? null);
    else onChange(recent[Number(value.slice(7))]?.event ?? null);
  }

  return (
    <div class="field compact">
      <label for={id}>{label}</label>
      <select id={id} value={choice} onChange={(event) => pick(event.currentTarget.value)}>
        {allowDefault && <option value="">Sample for the rule's trigger</option>}
        <optgroup label="Samples">
          {ordered.map((type) => (
            <option key={type} value={`sample:${type}`}>
              Sample {type}
            </option>
          ))}
        </optgroup>
        {recent.length > 0 && (
          <optgroup label="Recent real events">
            {recent.map((item, index) => (
              <option key={`${item.event.source}|${item.event.id}`} value={`recent:${index}`}>
                {describeEvent(item.event)}, {fromNow(item.receivedAt)}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}
