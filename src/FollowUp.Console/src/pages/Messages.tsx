import { useTitle } from "../components/Status";

export function MessagesPage() {
  useTitle("Messages");
  return <h1>Messages</h1>;
}
