import { Link } from "../components/Link";
import { NewIdForm } from "../components/NewIdForm";
import { ErrorNote, Loading, useTitle } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { get } from "../lib/api";
import { fromNow } from "../lib/format";
import type { MessageTemplate, Rule } from "../lib/types";

export function TemplatesPage() {
  useTitle("Templates");
  const templates = useAsync((signal) => get<MessageTemplate[]>("/api/templates", { signal }).then((a) => a.data), []);
  const rules = useAsync((signal) => get<Rule[]>("/api/rules", { signal }).then((a) => a.data), []);
  return (
    <section aria-labelledby="templates-title">
      <div class="page-head">
        <h1 id="templates-title">Templates</h1>
        <NewIdForm what="template" existing={templates.data?.map((item) => item.id)} example="winter-sale" />
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
