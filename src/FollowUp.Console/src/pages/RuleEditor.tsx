import { useTitle } from "../components/Status";

export function RuleEditorPage({ id }: { id: string }) {
  useTitle(`Rule ${id}`);
  return <h1>{id}</h1>;
}
