import { useTitle } from "../components/Status";

export function OverviewPage() {
  useTitle("Overview");
  return <h1>Overview</h1>;
}
