import { useState } from "preact/hooks";
import { Link } from "../components/Link";
import { ErrorNote, Loading, useTitle } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { get } from "../lib/api";
import { fromNow } from "../lib/format";
import { navigate } from "../lib/router";
import type { MessageTemplate, Rule } from "../lib/types";

// As the API takes them: lower-case letters, digits and hyphens, at most 64.
const IdPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function TemplatesPage() {
  useTitle("Templates");
  const templates = useAsync((signal) => get<MessageTemplate[]>("/api/templates", { signal }).then((a) => a.data), []);
  const rules = useAsync((signal) => get<Rule[]>("/api/rules", { signal }).then((a) => a.data), []);
  const [newId, setNewId] = useState("");
  const [newError, setNewError] = useState<string | null>(null);

  function create(event: Event) {
    event.preventDefault();
    const id = newId.trim();
    if (!IdPattern.test(id)) {
      setNewError("Use lower-case letters, digits and hyphens, starting with a letter or digit (at most 64), e.g. winter-sale.");
      return;
    }
    if (templates.data?.some((t) => t.id === id)) {
      setNewError(`A template called ${id} exists already.`);
      return;
    }
    navigate(`templates/${encodeURIComponent(id)}?new=1`);
  }

  return (
    <section aria-labelledby="templates-title">
      <div class="page-head">
        <h1 id="templates-title">Templates</h1>
        <form class="inline-form" onSubmit={create} noValidate>
          <label for="new-template">New template</label>
          <input id="new-template" value={newId} placeholder="e.g. winter-sale" onInput={(e) => { setNewId(e.currentTarget.value); setNewError(null); }} aria-invalid={newError ? "true" : undefined} aria-describedby={newError ? "new-template-error" : undefined} />
          <button type="submit">Create</button>
          {newError && <p id="new-template-error" class="error field-error" role="alert">{newError}</p>}
        </form>
      </div>
      {templates.loading && !templates.data && <Loading what="templates" />}
      {templates.error !== null && <ErrorNote error={templates.error} />}
      {templates.data && (
        <table class="list">
          <caption class="visually-hidden">Every template, with the rules that send it</caption>
          <thead>
            <tr>
              <th scope="col">Template</th>
              <th scope="col">Kind</th>
              <th scope="col">Languages</th>
              <th scope="col">Sent by</th>
              <th scope="col">Version</th>
              <th scope="col">Changed</th>
            </tr>
          </thead>
          <tbody>
            {templates.data.map((template) => {
              const users = rules.data?.filter((rule) => rule.templateId === template.id) ?? [];
              return (
                <tr key={template.id}>
                  <td>
                    <Link to={`templates/${encodeURIComponent(template.id)}`}>{template.id}</Link>
                    {template.description && <div class="muted small">{template.description}</div>}
                  </td>
                  <td>{template.kind}{template.layout ? <span class="muted small"> in {template.layout}</span> : null}</td>
                  <td>{Object.keys(template.locales).sort().join(", ")}</td>
                  <td>{users.length ? users.map((rule) => <span key={rule.id} class={`chip${rule.enabled ? "" : " off"}`}>{rule.id}</span>) : <span class="muted">—</span>}</td>
                  <td>v{template.version}</td>
                  <td title={template.updatedAt ?? ""}>{fromNow(template.updatedAt)}{template.updatedBy ? ` by ${template.updatedBy}` : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
