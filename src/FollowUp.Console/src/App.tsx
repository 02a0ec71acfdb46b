import { useEffect, useState } from "preact/hooks";
import { Link } from "./components/Link";
import { onSignedOut } from "./lib/api";
import { match, useRoute } from "./lib/router";
import { forgetKey, storedKey } from "./lib/session";
import { MessagesPage } from "./pages/Messages";
import { OverviewPage } from "./pages/Overview";
import { RuleEditorPage } from "./pages/RuleEditor";
import { RulesPage } from "./pages/Rules";
import { SignIn } from "./pages/SignIn";
import { SuppressionsPage } from "./pages/Suppressions";
import { TemplateEditorPage } from "./pages/TemplateEditor";
import { TemplatesPage } from "./pages/Templates";

const Sections = [
  { path: "", label: "Overview" },
  { path: "rules", label: "Rules" },
  { path: "templates", label: "Templates" },
  { path: "messages", label: "Messages" },
  { path: "suppressions", label: "Suppressions" },
];

export function App() {
  const [signedIn, setSignedIn] = useState(() => storedKey() !== null);
  const [expired, setExpired] = useState(false);
  const { path } = useRoute();

  useEffect(
    () =>
      onSignedOut(() => {
        setExpired(true);
        setSignedIn(false);
      }),
    [],
  );

  if (!signedIn) {
    return (
      <SignIn
        expired={expired}
        onSignedIn={() => {
          setExpired(false);
          setSignedIn(true);
        }}
      />
    );
  }

  const section = path.split("/")[0] ?? "";
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link to="" class="brand">
          <span class="logo" aria-hidden="true">↻</span> FollowUp
        </Link>
        <nav aria-label="Console">
          <ul>
            {Sections.map((item) => (
              <li key={item.path}>
                <Link to={item.path} current={section === item.path}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          class="quiet"
          onClick={() => {
            forgetKey();
            setExpired(false);
            setSignedIn(false);
          }}
        >
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Page path={path} />
      </main>
    </>
  );
}

function Page({ path }: { path: string }) {
  let params: Record<string, string> | null;
  if (path === "") return <OverviewPage />;
  if (path === "rules") return <RulesPage />;
  if ((params = match("rules/:id", path))) return <RuleEditorPage id={params.id!} key={params.id} />;
  if (path === "templates") return <TemplatesPage />;
  if ((params = match("templates/:id", path))) return <TemplateEditorPage id={params.id!} key={params.id} />;
  if (path === "messages") return <MessagesPage />;
  if (path === "suppressions") return <SuppressionsPage />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        The console has no page here. <Link to="">Go to the overview.</Link>
      </p>
    </section>
  );
}
