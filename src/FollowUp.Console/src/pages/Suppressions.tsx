import { useTitle } from "../components/Status";

export function SuppressionsPage() {
  useTitle("Suppressions");
  return <h1>Suppressions</h1>;
}
