import { useTitle } from "../components/Status";

export function RulesPage() {
  useTitle("Rules");
  return <h1>Rules</h1>;
}
