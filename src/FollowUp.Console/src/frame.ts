// The preview frame's only script: it takes a port from the console once, then shows each mail sent through it.
// It runs sandboxed without same-origin, under a policy that allows no other script.

let port: MessagePort | null = null;

addEventListener("message", (event: MessageEvent) => {
  if (port || event.source !== parent || !(event.data && event.data.followup === "port") || !event.ports[0]) return;
  port = event.ports[0];
  port.onmessage = (message: MessageEvent) => {
    if (typeof message.data === "string") show(message.data);
  };
});

function show(html: string): void {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  // Nothing in a mail runs here, as in a mail client: scripts, frames, forms, plug-ins and handlers go.
  parsed.querySelectorAll("script, iframe, frame, object, embed, base, form, meta[http-equiv]").forEach((element) => element.remove());
  parsed.querySelectorAll("*").forEach((element) => {
    for (const attribute of [...element.attributes]) {
      if (attribute.name.startsWith("on")) element.removeAttribute(attribute.name);
    }
  });
  // A link in a preview goes nowhere, by any click or key: its address is kept aside, and it still looks like a link.
  parsed.querySelectorAll("a[href], area[href], [*|href]").forEach((link) => {
    const href = link.getAttribute("href") ?? link.getAttributeNS("http://www.w3.org/1999/xlink", "href") ?? "";
    link.setAttribute("data-href", href);
    link.removeAttribute("href");
    link.removeAttributeNS("http://www.w3.org/1999/xlink", "href");
  });
  const linkStyle = parsed.createElement("style");
  linkStyle.textContent = "a[data-href]{color:#0645ad;text-decoration:underline;cursor:pointer}";
  parsed.head.prepend(linkStyle);
  document.replaceChild(document.adoptNode(parsed.documentElement), document.documentElement);
}

addEventListener("click", (event) => {
  // Links and image-map areas alike: nothing in a preview goes anywhere.
  if (event.target instanceof Element && event.target.closest("a, area")) event.preventDefault();
});
