import { flattenModel, type ModelName } from "./model";
import type { CloudEvent } from "./types";

// The API description is public and describes what the console needs to know about the contract: the template
// model's names and a sample event of every type. Read once per page load.

export interface Description {
  model: ModelName[];
  samples: Record<string, CloudEvent>;
  eventTypes: string[];
}

let loading: Promise<Description> | null = null;

export function loadDescription(): Promise<Description> {
  loading ??= fetch("/openapi/v1.json", { headers: { Accept: "application/json" } })
    .then((response) => {
      if (!response.ok) throw new Error(`The API description did not load (${response.status}).`);
      return response.json() as Promise<OpenApiDocument>;
    })
    .then(read)
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

interface OpenApiDocument {
  components?: { schemas?: Record<string, unknown> };
  paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, { examples?: Record<string, { value?: unknown }> }> } }>>;
}

function read(document: OpenApiDocument): Description {
  const model = flattenModel((document.components?.schemas?.["TemplateModel"] ?? {}) as Parameters<typeof flattenModel>[0]);
  const examples = document.paths?.["/api/events"]?.["post"]?.requestBody?.content?.["application/cloudevents+json"]?.examples ?? {};
  const samples: Record<string, CloudEvent> = {};
  for (const [name, example] of Object.entries(examples)) {
    if (example.value && typeof example.value === "object") {
      // A sample happens now: with the example's own time (fixed, so ever older) a rule would only say "too old".
      const { time: _time, ...event } = example.value as CloudEvent;
      samples[name] = event as CloudEvent;
    }
  }
  return { model, samples, eventTypes: Object.keys(samples).sort() };
}
